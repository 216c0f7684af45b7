using Emulator.Api.Http;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record ListObjects(ResourceDefinition Definition, string? Namespace, ListOptions Options) : IQuery<ListPage>;

public sealed class ListObjectsHandler(GenericRegistry registry) : IQueryHandler<ListObjects, ListPage>
{
    public ValueTask<ListPage> Handle(ListObjects query, CancellationToken ct)
    {
        var filter = ListFilter.Create(query.Definition, query.Options.LabelSelector, query.Options.FieldSelector);
        var (items, revision) = registry.Store.List(
            new(query.Definition.Kind.Group, query.Definition.Kind.Plural), query.Definition.Kind.Namespaced ? query.Namespace : null);
        var matching = items.Where(i => filter(i.Object));
        return ValueTask.FromResult(Pagination.Page(matching, revision, query.Options.Limit, query.Options.Continue));
    }
}
