using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

public sealed record CreateObject(ResourceDefinition Definition, string? Namespace, JsonObject Body, bool DryRun) : ICommand<WriteResult>;

public sealed class CreateObjectHandler(GenericRegistry registry) : ICommandHandler<CreateObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(CreateObject command, CancellationToken ct) =>
        await registry.CreateAsync(command.Definition, command.Namespace, command.Body, command.DryRun, ct);
}
