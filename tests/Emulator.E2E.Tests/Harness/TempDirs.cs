namespace Emulator.E2E.Tests.Harness;

/// <summary>Scratch folders under the system temp dir, one per emulator and client home, removed on dispose.</summary>
public static class TempDirs
{
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Best effort: a leftover temp folder must not turn a passing test into a failing one.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
