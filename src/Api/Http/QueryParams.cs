using System.Globalization;
using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>
/// Query-string numbers as apimachinery's parameter codec converts them (runtime/conversion.go
/// Convert_Slice_string_To_int64 uses strconv.ParseInt), and resourceVersion as the storage layer parses it
/// (storage ValidateListOptions: "invalid resource version: " + APIObjectVersioner.ParseResourceVersion's field error).
/// A value that does not parse is a 400 with Go's strconv wording.
/// </summary>
public static class QueryParams
{
    public static long? Int64(string? text)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw StatusException.BadRequest($"strconv.ParseInt: parsing {FieldError.Render(text)}: {NumberError(text, signed: true)}");
    }

    public static void CheckListResourceVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0") return;
        if (ulong.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return;
        var error = $"strconv.ParseUint: parsing {FieldError.Render(resourceVersion)}: {NumberError(resourceVersion, signed: false)}";
        throw StatusException.BadRequest(
            $"invalid resource version: resourceVersion: Invalid value: {FieldError.Render(resourceVersion)}: {error}");
    }

    // Go's strconv: digits that overflow are "value out of range", anything else "invalid syntax".
    private static string NumberError(string text, bool signed)
    {
        var digits = signed && text.Length > 1 && text[0] is '+' or '-' ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
    }
}
