namespace Emulator.Domain.Resources.Core.Endpoints;

public sealed class EndpointsStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;
}
