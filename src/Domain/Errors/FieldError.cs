namespace Emulator.Domain.Errors;

/// <summary>
/// One field problem, as apimachinery's field.Error: Reason is the cause type (FieldValueRequired, ...),
/// Message the rendered error body ("Required value", "Invalid value: \"x\": detail").
/// </summary>
public sealed record FieldError(string Reason, string Field, string Message)
{
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public static FieldError Invalid(string field, object? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {Render(value)}: {detail}");

    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, $"Forbidden: {detail}");

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    public static FieldError Duplicate(string field, object? value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: {Render(value)}");

    public static FieldError TooLong(string field, int max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    /// <summary>Go's %#v-like rendering used by field errors: strings quoted, numbers and bools bare.</summary>
    public static string Render(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    public override string ToString() => $"{Field}: {Message}";
}
