using System.Globalization;
using System.Text;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>
/// status.completedIndexes as indexed_job_utils.go writes and reads it: increasing decimal indexes separated by
/// commas, three or more consecutive ones compressed to "first-last" ("1,3-5,7").
/// </summary>
public static class CompletedIndexes
{
    public static string Format(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            if (text.Length > 0) text.Append(',');
            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j - i >= 2) text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            else if (j == i + 1) text.Append(',').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return text.ToString();
    }

    /// <summary>Parses the format back, dropping indexes at or above <paramref name="completions"/> and anything malformed.</summary>
    public static SortedSet<int> Parse(string? text, int completions)
    {
        var result = new SortedSet<int>();
        if (string.IsNullOrEmpty(text)) return result;
        foreach (var part in text.Split(','))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)) continue;
            var last = first;
            if (bounds.Length == 2 && !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)) continue;
            for (var i = first; i <= last && i < completions; i++) result.Add(i);
        }
        return result;
    }
}
