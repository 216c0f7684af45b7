using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

/// <summary>deletecollection: every object matching the selectors is deleted as one DELETE would delete it.</summary>
public sealed record DeleteCollection(ResourceDefinition Definition, string? Namespace, ListOptions List, DeleteOptions Options)
    : ICommand<ListPage>;

public sealed class DeleteCollectionHandler(GenericRegistry registry) : ICommandHandler<DeleteCollection, ListPage>
{
    public async ValueTask<ListPage> Handle(DeleteCollection command, CancellationToken ct)
    {
        var def = command.Definition;
        var filter = ListFilter.Create(def, command.List.LabelSelector, command.List.FieldSelector);
        var (items, _) = registry.Store.List(new(def.Kind.Group, def.Kind.Plural), def.Kind.Namespaced ? command.Namespace : null);
        var deleted = new List<StoredObject>();
        foreach (var item in items.Where(i => filter(i.Object)))
        {
            try
            {
                var result = await registry.DeleteAsync(def, item.Object.Namespace(), item.Object.Name(), command.Options, ct);
                deleted.Add(result.Object);
            }
            catch (StatusException e) when (e.Code == 404)
            {
                // Deleted concurrently: the collection delete still succeeds for it, as in the apiserver.
            }
        }
        return new ListPage(deleted, registry.Store.Revision, null, null);
    }
}
