namespace Emulator.Domain.Patching.Apply;

/// <summary>One field another manager owns with a different value than the apply asks for.</summary>
public sealed record ApplyConflict(string Manager, string ApiVersion, string Field)
{
    /// <summary>apiserver fieldmanager/internal/conflict.go printManager.</summary>
    public string ManagerDescription => $"\"{Manager}\" using {ApiVersion}";
}

/// <summary>
/// An apply that would take fields from other managers without force; worded as the apiserver's NewConflictError
/// (fieldmanager/internal/conflict.go) and structured-merge-diff's Conflicts.Error.
/// </summary>
public sealed class ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts) : Exception(Describe(conflicts))
{
    public IReadOnlyList<ApplyConflict> Conflicts { get; } = conflicts;

    private static string Describe(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].ManagerDescription}: {conflicts[0].Field}";
        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.ManagerDescription).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.Key}:");
            lines.AddRange(group.Select(c => $"- {c.Field}"));
        }
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
