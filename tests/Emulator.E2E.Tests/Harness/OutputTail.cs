namespace Emulator.E2E.Tests.Harness;

/// <summary>The last lines a process printed, kept so a failing test can show what the server was saying.</summary>
public sealed class OutputTail(int capacity)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        lock (gate)
        {
            lines.Enqueue(line);
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public string Snapshot()
    {
        lock (gate)
        {
            return string.Join('\n', lines);
        }
    }
}
