using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Workloads;

/// <summary>intstr.GetScaledValueFromIntOrPercent: an int as is, "25%" of a total rounded up or down.</summary>
public static class IntOrPercent
{
    public static int Scaled(JsonNode? value, int total, bool roundUp)
    {
        if (value is not JsonValue v) return 0;
        if (v.GetValueKind() == JsonValueKind.Number) return JsonNumber.Int(v, 0);
        var text = v.ToString();
        if (!text.EndsWith('%'))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        if (!int.TryParse(text[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent)) return 0;
        var exact = (double)percent * total / 100;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}
