namespace Emulator.Domain.Resources.Core.Events;

public sealed class EventStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;
}
