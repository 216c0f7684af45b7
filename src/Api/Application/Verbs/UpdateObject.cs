using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record UpdateObject(ResourceDefinition Definition, string? Namespace, string Name, string? Subresource, JsonObject Body, bool DryRun)
    : ICommand<WriteResult>;

public sealed class UpdateObjectHandler(GenericRegistry registry) : ICommandHandler<UpdateObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(UpdateObject command, CancellationToken ct) =>
        await registry.UpdateAsync(command.Definition, command.Namespace, command.Name, command.Body, command.Subresource, command.DryRun, ct);
}
