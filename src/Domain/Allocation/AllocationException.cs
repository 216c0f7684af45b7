namespace Emulator.Domain.Allocation;

/// <summary>
/// An allocator's refusal. <see cref="Exception.Message"/> is the real allocator's error text, which the Service
/// registry wraps into a field error ("provided port is already allocated") or an internal error ("range is full").
/// </summary>
public sealed class AllocationException(AllocationFailure failure, string message) : Exception(message)
{
    public AllocationFailure Failure { get; } = failure;
}
