namespace Emulator.Api.Hosting;

/// <summary>
/// A configuration the server cannot start with (an unreadable --token-auth-file, an unknown --authorization-mode):
/// Program prints its message as one line and exits 1, as kube-apiserver does, instead of an unhandled exception.
/// </summary>
public sealed class StartupException(string message) : Exception(message);
