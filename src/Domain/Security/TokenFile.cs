namespace Emulator.Domain.Security;

/// <summary>
/// kube-apiserver's --token-auth-file: CSV lines <c>token,user,uid,"group1,group2"</c> (the groups column optional).
/// Blank lines and lines starting with # are skipped; a line with fewer than three columns is an error.
/// </summary>
public sealed class TokenFile
{
    private readonly Dictionary<string, UserInfo> _users;

    private TokenFile(Dictionary<string, UserInfo> users) => _users = users;

    public static readonly TokenFile Empty = new([]);

    public int Count => _users.Count;

    /// <param name="path">named in errors, as tokenfile.NewCSV words them.</param>
    public static TokenFile Parse(string text, string path = "")
    {
        var users = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var fields = SplitCsv(line);
            if (fields.Count < 3)
                throw new FormatException($"token file '{path}' must have at least 3 columns (token, user name, user uid), found {fields.Count}");
            var groups = fields.Count > 3 ? fields[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            users[fields[0]] = UserInfo.Authenticated(fields[1], fields[2], groups);
        }
        return new TokenFile(users);
    }

    public UserInfo? Find(string token) => _users.GetValueOrDefault(token);

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
        return fields;
    }
}
