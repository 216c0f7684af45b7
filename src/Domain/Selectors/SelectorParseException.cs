namespace Emulator.Domain.Selectors;

/// <summary>
/// A label or field selector that apimachinery would reject. The message is exactly the Go error text, which
/// kube-apiserver returns verbatim in a 400 BadRequest Status.
/// </summary>
public sealed class SelectorParseException(string message) : FormatException(message);
