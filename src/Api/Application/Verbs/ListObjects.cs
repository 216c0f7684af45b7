using Emulator.Api.Http;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record ListObjects(ResourceDefinition Definition, string? Namespace, ListOptions Options) : IQuery<ListPage>;

public sealed class ListObjectsHandler(GenericRegistry registry, TimeProvider time) : IQueryHandler<ListObjects, ListPage>
{
    public async ValueTask<ListPage> Handle(ListObjects query, CancellationToken ct)
    {
        // resourceVersion=N (NotOlderThan, explicit or implied, or Exact) must not be answered from a store below N.
        if (long.TryParse(query.Options.ResourceVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minimum) && minimum > 0)
            await Watch.FreshnessWait.WaitAsync(registry.Store, minimum, time, ct);
        var filter = ListFilter.Create(query.Definition, query.Options.LabelSelector, query.Options.FieldSelector);
        var (items, revision) = registry.Store.List(
            new(query.Definition.Kind.Group, query.Definition.Kind.Plural), query.Definition.Kind.Namespaced ? query.Namespace : null);
        var matching = items.Where(i => filter(i.Object));
        return Pagination.Page(matching, revision, query.Options.Limit, query.Options.Continue);
    }
}
