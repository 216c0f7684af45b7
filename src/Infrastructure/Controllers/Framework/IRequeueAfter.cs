using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Controllers.Framework;

/// <summary>
/// A reconciler that asks to see a key again after a delay (client-go's workqueue AddAfter), for state that changes
/// with time alone, e.g. a deployment's progress deadline. The runner hands it the callback when it starts.
/// </summary>
public interface IRequeueAfter
{
    void OnRequeue(Action<ObjectKey, TimeSpan> requeueAfter);
}
