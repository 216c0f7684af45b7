using System.Globalization;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>A schedule that <see cref="CronSchedule.Parse"/> could not read, with robfig/cron's wording.</summary>
public sealed class CronParseException(string message) : Exception(message);

/// <summary>
/// A standard 5-field cron schedule as the CronJob controller reads it (github.com/robfig/cron/v3 ParseStandard):
/// minute hour day-of-month month day-of-week with '*', '?', ranges, lists, steps, month and weekday names, the
/// @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly and @every descriptors, and a leading TZ= or CRON_TZ=.
/// Times are matched in the schedule's time zone (the controller's is UTC).
/// </summary>
public sealed class CronSchedule
{
    private const ulong StarBit = 1UL << 63;
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly ulong _minute, _hour, _dom, _month, _dow;
    private readonly TimeSpan? _every;

    private CronSchedule(ulong minute, ulong hour, ulong dom, ulong month, ulong dow, TimeZoneInfo zone, TimeSpan? every)
    {
        (_minute, _hour, _dom, _month, _dow, Zone, _every) = (minute, hour, dom, month, dow, zone, every);
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Whether the text names a time zone itself (TZ= or CRON_TZ=), which v1.35 validation refuses in new objects.</summary>
    public static bool HasTimeZonePrefix(string spec) => spec.Contains("TZ", StringComparison.Ordinal);

    /// <summary>Parses <paramref name="spec"/> in <paramref name="defaultZone"/> (UTC when null) unless it names its own zone.</summary>
    public static CronSchedule Parse(string spec, TimeZoneInfo? defaultZone = null)
    {
        if (spec.Length == 0) throw new CronParseException("empty spec string");
        var zone = defaultZone ?? TimeZoneInfo.Utc;
        spec = spec.TrimStart();
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var name = space < 0 ? spec[(eq + 1)..] : spec[(eq + 1)..space];
            zone = FindZone(name) ?? throw new CronParseException($"provided bad location {name}: unknown time zone {name}");
            spec = space < 0 ? "" : spec[(space + 1)..].TrimStart();
        }
        if (spec.StartsWith('@')) return Descriptor(spec, zone);
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            throw new CronParseException($"expected exactly 5 fields, found {fields.Length}: [{string.Join(' ', fields)}]");
        return new CronSchedule(
            Field(fields[0], 0, 59, null), Field(fields[1], 0, 23, null), Field(fields[2], 1, 31, null),
            Field(fields[3], 1, 12, MonthNames), Field(fields[4], 0, 6, DayNames), zone, null);
    }

    /// <summary>time.LoadLocation: an IANA zone name, "UTC" or "" for UTC; null when unknown.</summary>
    public static TimeZoneInfo? FindZone(string name)
    {
        if (name is "" or "UTC") return TimeZoneInfo.Utc;
        if (name == "Local") return TimeZoneInfo.Local;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The first activation strictly after <paramref name="after"/> (robfig's SpecSchedule.Next), null if none within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_every is { } every)
        {
            var truncated = after.AddTicks(-(after.Ticks % TimeSpan.TicksPerSecond));
            return truncated + every;
        }
        // Walk in UTC at minute resolution, skipping whole days and hours that cannot match in the schedule's zone.
        var t = new DateTimeOffset(after.UtcDateTime.Ticks - after.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            var local = TimeZoneInfo.ConvertTime(t, Zone);
            if (!Has(_month, local.Month) || !DayMatches(local))
            {
                t = t.AddMinutes(-(local.Hour * 60 + local.Minute)).AddDays(1);
                continue;
            }
            if (!Has(_hour, local.Hour))
            {
                t = t.AddMinutes(60 - local.Minute);
                continue;
            }
            if (!Has(_minute, local.Minute))
            {
                t = t.AddMinutes(1);
                continue;
            }
            return t;
        }
        return null;
    }

    private bool DayMatches(DateTimeOffset local)
    {
        var domMatch = Has(_dom, local.Day);
        var dowMatch = Has(_dow, (int)local.DayOfWeek);
        // A '*' in either day field means both must match; otherwise either may (cron's historical OR).
        return (_dom & StarBit) != 0 || (_dow & StarBit) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
    }

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;

    private static CronSchedule Descriptor(string spec, TimeZoneInfo zone)
    {
        var all = StarBit;
        ulong Bits(int min, int max) => Range(min, max, 1);
        switch (spec)
        {
            case "@yearly" or "@annually":
                return new CronSchedule(1, 1, 1 << 1, 1 << 1, Bits(0, 6) | all, zone, null);
            case "@monthly":
                return new CronSchedule(1, 1, 1 << 1, Bits(1, 12) | all, Bits(0, 6) | all, zone, null);
            case "@weekly":
                return new CronSchedule(1, 1, Bits(1, 31) | all, Bits(1, 12) | all, 1, zone, null);
            case "@daily" or "@midnight":
                return new CronSchedule(1, 1, Bits(1, 31) | all, Bits(1, 12) | all, Bits(0, 6) | all, zone, null);
            case "@hourly":
                return new CronSchedule(1, Bits(0, 23) | all, Bits(1, 31) | all, Bits(1, 12) | all, Bits(0, 6) | all, zone, null);
        }
        const string every = "@every ";
        if (spec.StartsWith(every, StringComparison.Ordinal))
        {
            if (ParseDuration(spec[every.Length..]) is not { } duration)
                throw new CronParseException($"failed to parse duration {spec}: time: invalid duration \"{spec[every.Length..]}\"");
            // Every: sub-second delays round up to a second, the rest drop their fraction.
            var seconds = Math.Max(1, (long)duration.TotalSeconds);
            return new CronSchedule(0, 0, 0, 0, 0, zone, TimeSpan.FromSeconds(seconds));
        }
        throw new CronParseException($"unrecognized descriptor: {spec}");
    }

    /// <summary>time.ParseDuration for the units a schedule uses: "90s", "1h30m", "2.5m".</summary>
    private static TimeSpan? ParseDuration(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(?:(\d+(?:\.\d+)?)(h|m|s|ms))+$");
        if (!match.Success) return null;
        var total = TimeSpan.Zero;
        for (var i = 0; i < match.Groups[1].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups[1].Captures[i].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Captures[i].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                _ => TimeSpan.FromMilliseconds(n),
            };
        }
        return total;
    }

    private static ulong Field(string field, int min, int max, string[]? names)
    {
        ulong bits = 0;
        foreach (var expr in field.Split(',')) bits |= RangeExpr(expr, min, max, names);
        return bits;
    }

    private static ulong RangeExpr(string expr, int min, int max, string[]? names)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        var single = lowAndHigh.Length == 1;
        int start, end;
        ulong extra = 0;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end, extra) = (min, max, StarBit);
        }
        else
        {
            start = IntOrName(lowAndHigh[0], names);
            end = lowAndHigh.Length switch
            {
                1 => start,
                2 => IntOrName(lowAndHigh[1], names),
                _ => throw new CronParseException($"too many hyphens: {expr}"),
            };
        }
        int step;
        switch (rangeAndStep.Length)
        {
            case 1:
                step = 1;
                break;
            case 2:
                step = MustParseInt(rangeAndStep[1]);
                // "N/step" means "N-max/step".
                if (single) end = max;
                if (step > 1) extra = 0;
                break;
            default:
                throw new CronParseException($"too many slashes: {expr}");
        }
        if (start < min) throw new CronParseException($"beginning of range ({start}) below minimum ({min}): {expr}");
        if (end > max) throw new CronParseException($"end of range ({end}) above maximum ({max}): {expr}");
        if (start > end) throw new CronParseException($"beginning of range ({start}) beyond end of range ({end}): {expr}");
        if (step == 0) throw new CronParseException($"step of range should be a positive number: {expr}");
        return Range(start, end, step) | extra;
    }

    private static ulong Range(int start, int end, int step)
    {
        ulong bits = 0;
        for (var i = start; i <= end; i += step) bits |= 1UL << i;
        return bits;
    }

    private static int IntOrName(string text, string[]? names)
    {
        if (names is not null)
        {
            var i = Array.IndexOf(names, text.ToLowerInvariant());
            if (i >= 0) return names == MonthNames ? i + 1 : i;
        }
        return MustParseInt(text);
    }

    private static int MustParseInt(string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new CronParseException($"failed to parse int from {text}: strconv.Atoi: parsing \"{text}\": invalid syntax");
        if (n < 0) throw new CronParseException($"negative number ({n}) not allowed: {text}");
        return n;
    }
}
