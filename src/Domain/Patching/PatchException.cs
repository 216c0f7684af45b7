namespace Emulator.Domain.Patching;

/// <summary>A patch that cannot be applied; the API answers it as the apiserver's patch handler does.</summary>
public sealed class PatchException(string message) : Exception(message);
