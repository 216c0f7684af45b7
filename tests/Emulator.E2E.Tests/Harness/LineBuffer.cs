using System.Text.RegularExpressions;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Lines of one output stream of a running process, read in order: each successful wait moves a cursor past the
/// matched line, so consecutive waits assert that lines appeared in that order.
/// </summary>
internal sealed class LineBuffer
{
    private readonly List<string> lines = [];
    private readonly Lock gate = new();
    private TaskCompletionSource changed = NewSignal();
    private int cursor;
    private bool ended;

    public void Add(string line) => Update(() => lines.Add(line));

    public void End() => Update(() => ended = true);

    public string Text()
    {
        lock (gate)
        {
            return string.Join('\n', lines);
        }
    }

    /// <summary>
    /// The next unread line matching <paramref name="pattern"/>; otherwise null, with whether the stream has ended and
    /// a task that completes at the next change.
    /// </summary>
    public (string? Match, bool Ended, Task Changed) TryTake(Regex pattern)
    {
        lock (gate)
        {
            for (var i = cursor; i < lines.Count; i++)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    cursor = i + 1;
                    return (lines[i], ended, changed.Task);
                }
            }

            return (null, ended, changed.Task);
        }
    }

    private void Update(Action change)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            change();
            signal = changed;
            changed = NewSignal();
        }

        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
