using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record DeleteObject(ResourceDefinition Definition, string? Namespace, string Name, DeleteOptions Options) : ICommand<WriteResult>;

public sealed class DeleteObjectHandler(GenericRegistry registry) : ICommandHandler<DeleteObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(DeleteObject command, CancellationToken ct) =>
        await registry.DeleteAsync(command.Definition, command.Namespace, command.Name, command.Options, ct);
}
