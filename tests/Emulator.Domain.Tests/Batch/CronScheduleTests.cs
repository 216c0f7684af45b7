using Emulator.Domain.Workloads.Jobs;

namespace Emulator.Domain.Tests.Batch;

public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Runs(string spec, string after, int count)
    {
        var schedule = CronSchedule.Parse(spec);
        var result = new List<string>();
        var t = At(after);
        for (var i = 0; i < count; i++)
        {
            t = schedule.Next(t)!.Value;
            result.Add(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
        return result;
    }

    [Fact]
    public void Every_minute_steps_to_the_next_whole_minute()
    {
        Assert.Equal(["2026-01-01 10:01", "2026-01-01 10:02"], Runs("*/1 * * * *", "2026-01-01T10:00:30Z", 2));
        Assert.Equal(["2026-01-01 10:01"], Runs("* * * * *", "2026-01-01T10:00:00Z", 1));
    }

    [Fact]
    public void Steps_ranges_and_lists_combine_per_field()
    {
        Assert.Equal(["2026-01-01 10:15", "2026-01-01 10:30", "2026-01-01 10:45", "2026-01-01 11:00"], Runs("*/15 * * * *", "2026-01-01T10:00:00Z", 4));
        Assert.Equal(["2026-01-01 09:05", "2026-01-01 17:05", "2026-01-02 09:05"], Runs("5 9,17 * * *", "2026-01-01T08:00:00Z", 3));
        Assert.Equal(["2026-01-01 10:10", "2026-01-01 10:12", "2026-01-01 10:14", "2026-01-01 11:10"], Runs("10-14/2 * * * *", "2026-01-01T10:09:00Z", 4));
        // "N/step" means N to the maximum in steps.
        Assert.Equal(["2026-01-01 10:50", "2026-01-01 11:05"], Runs("5/15 * * * *", "2026-01-01T10:40:00Z", 2));
    }

    [Fact]
    public void Month_and_weekday_names_are_case_insensitive()
    {
        // 2026-01-05 is a Monday.
        Assert.Equal(["2026-01-05 00:00", "2026-01-07 00:00"], Runs("0 0 * * MON,wed", "2026-01-01T00:00:00Z", 2));
        Assert.Equal(["2026-03-01 12:00"], Runs("0 12 1 mar *", "2026-01-01T00:00:00Z", 1));
    }

    [Fact]
    public void Day_of_month_and_weekday_are_ored_unless_one_is_a_star()
    {
        // The 13th or any Friday (2026-01-02 is a Friday).
        Assert.Equal(["2026-01-02 00:00", "2026-01-09 00:00", "2026-01-13 00:00"], Runs("0 0 13 * 5", "2026-01-01T00:00:00Z", 3));
        Assert.Equal(["2026-01-02 00:00", "2026-01-09 00:00"], Runs("0 0 * * 5", "2026-01-01T00:00:00Z", 2));
    }

    [Theory]
    [InlineData("@hourly", "2026-01-01 11:00")]
    [InlineData("@daily", "2026-01-02 00:00")]
    [InlineData("@midnight", "2026-01-02 00:00")]
    [InlineData("@weekly", "2026-01-04 00:00")]
    [InlineData("@monthly", "2026-02-01 00:00")]
    [InlineData("@yearly", "2027-01-01 00:00")]
    [InlineData("@annually", "2027-01-01 00:00")]
    public void Descriptors_expand_to_their_schedules(string spec, string next) =>
        Assert.Equal([next], Runs(spec, "2026-01-01T10:30:00Z", 1));

    [Fact]
    public void A_time_zone_prefix_or_default_zone_matches_local_wall_clock()
    {
        // 09:00 in Tokyo (UTC+9) is 00:00 UTC.
        Assert.Equal(["2026-01-02 00:00"], Runs("CRON_TZ=Asia/Tokyo 0 9 * * *", "2026-01-01T10:00:00Z", 1));
        var schedule = CronSchedule.Parse("0 9 * * *", CronSchedule.FindZone("Asia/Tokyo"));
        Assert.Equal(At("2026-01-02T00:00:00Z"), schedule.Next(At("2026-01-01T10:00:00Z")));
        Assert.True(CronSchedule.HasTimeZonePrefix("TZ=UTC * * * * *"));
    }

    [Theory]
    [InlineData("", "empty spec string")]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("1-2-3 * * * *", "too many hyphens: 1-2-3")]
    [InlineData("*/2/3 * * * *", "too many slashes: */2/3")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("@fortnightly", "unrecognized descriptor: @fortnightly")]
    [InlineData("CRON_TZ=Mars/Olympus * * * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus")]
    public void Bad_schedules_fail_with_robfig_cron_wording(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<CronParseException>(() => CronSchedule.Parse(spec)).Message);

    [Fact]
    public void Every_descriptor_runs_at_a_constant_delay()
    {
        var schedule = CronSchedule.Parse("@every 90s");
        Assert.Equal(At("2026-01-01T10:01:30Z"), schedule.Next(At("2026-01-01T10:00:00.400Z")));
    }
}
