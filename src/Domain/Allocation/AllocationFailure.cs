namespace Emulator.Domain.Allocation;

/// <summary>Why an allocator refused a value (the sentinel errors of k/k pkg/registry/core/service/ipallocator and portallocator).</summary>
public enum AllocationFailure
{
    /// <summary>The requested value lies outside the configured range (ErrNotInRange).</summary>
    NotInRange,

    /// <summary>The requested value is held by another object (ErrAllocated).</summary>
    Allocated,

    /// <summary>No free value is left (ErrFull).</summary>
    Full,
}
