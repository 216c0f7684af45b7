using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Tests.Printing;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-3_000, "<invalid>")]
    [InlineData(-2_000, "<invalid>")]
    [InlineData(-1_500, "0s")] // int(-1.5) truncates to -1: clock skew, not an error
    [InlineData(-1_000, "0s")]
    [InlineData(0, "0s")]
    [InlineData(999, "0s")]
    [InlineData(59_000, "59s")]
    [InlineData(119_000, "119s")]
    [InlineData(120_000, "2m")]
    [InlineData(190_000, "3m10s")]
    [InlineData(599_000, "9m59s")]
    [InlineData(600_000, "10m")]
    [InlineData(659_000, "10m")]
    [InlineData(179 * 60_000, "179m")]
    [InlineData(180 * 60_000, "3h")]
    [InlineData(185 * 60_000, "3h5m")]
    [InlineData((7 * 60 + 59) * 60_000, "7h59m")]
    [InlineData(8 * 3_600_000L, "8h")]
    [InlineData(47 * 3_600_000L, "47h")]
    [InlineData(48 * 3_600_000L, "2d")]
    [InlineData(51 * 3_600_000L, "2d3h")]
    [InlineData(191 * 3_600_000L, "7d23h")]
    [InlineData(192 * 3_600_000L, "8d")]
    [InlineData(729 * 86_400_000L, "729d")]
    [InlineData(730 * 86_400_000L, "2y")]
    [InlineData(735 * 86_400_000L, "2y5d")]
    [InlineData(2919 * 86_400_000L, "7y364d")]
    [InlineData(2920 * 86_400_000L, "8y")]
    [InlineData(4000 * 86_400_000L, "10y")]
    public void Format_matches_apimachinery_HumanDuration(long milliseconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("""{"metadata":{"creationTimestamp":"2026-01-01T00:00:00Z"}}""", "10m")]
    [InlineData("""{"metadata":{"creationTimestamp":"2025-12-31T23:55:30Z"}}""", "14m")]
    [InlineData("""{"metadata":{"creationTimestamp":"2026-01-01T00:09:59.5Z"}}""", "0s")]
    [InlineData("""{"metadata":{}}""", "<unknown>")]
    [InlineData("""{"metadata":{"creationTimestamp":null}}""", "<unknown>")]
    [InlineData("""{}""", "<unknown>")]
    public void Age_reads_creationTimestamp_like_translateTimestampSince(string json, string expected) =>
        Assert.Equal(expected, HumanDuration.Age(PrinterFixtures.Parse(json), PrinterFixtures.Now));

    [Fact]
    public void Since_accepts_micro_time() =>
        Assert.Equal("90s", HumanDuration.Since(JsonValue.Create("2026-01-01T00:08:29.500000Z"), PrinterFixtures.Now));
}
