using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record GetObject(ResourceDefinition Definition, string? Namespace, string Name) : IQuery<StoredObject>;

public sealed class GetObjectHandler(GenericRegistry registry) : IQueryHandler<GetObject, StoredObject>
{
    public ValueTask<StoredObject> Handle(GetObject query, CancellationToken ct) =>
        ValueTask.FromResult(registry.GetOrThrow(query.Definition, query.Namespace, query.Name));
}
