namespace Emulator.Domain.Resources.Coordination.Leases;

public sealed class LeaseStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;
}
