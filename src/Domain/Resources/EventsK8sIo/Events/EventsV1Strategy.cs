namespace Emulator.Domain.Resources.EventsK8sIo.Events;

public sealed class EventsV1Strategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;
}
