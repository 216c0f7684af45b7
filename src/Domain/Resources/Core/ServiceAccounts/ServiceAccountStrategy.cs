namespace Emulator.Domain.Resources.Core.ServiceAccounts;

public sealed class ServiceAccountStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;
}
