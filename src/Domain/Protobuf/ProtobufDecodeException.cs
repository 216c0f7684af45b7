namespace Emulator.Domain.Protobuf;

/// <summary>
/// A request body in <see cref="KubeProtobuf.MediaType"/> that cannot be turned into JSON. The message is meant
/// for the client (the API answers it as a 400/415 Status), so it names what was wrong rather than where in the code.
/// </summary>
public sealed class ProtobufDecodeException(string message) : Exception(message);
