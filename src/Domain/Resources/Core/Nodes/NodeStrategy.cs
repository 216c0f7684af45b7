namespace Emulator.Domain.Resources.Core.Nodes;

public sealed class NodeStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;
}
