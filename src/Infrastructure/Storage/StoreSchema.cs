using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The SQLite schema (kine's model): current objects, plus an append-only change log whose id is the global
/// resourceVersion, plus a small key/value meta table. Plain SQL rather than an ORM: building an EF Core model and
/// compiling its queries cost about two seconds of CPU at every start for three tables (docs/decisions/0010).
/// The DDL is exactly what the earlier EF Core model created, so existing data directories open unchanged.
/// </summary>
internal static class StoreSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS "changes" (
            "id" INTEGER NOT NULL CONSTRAINT "PK_changes" PRIMARY KEY,
            "type" TEXT NOT NULL,
            "grp" TEXT NOT NULL,
            "resource" TEXT NOT NULL,
            "namespace" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "body" TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "meta" (
            "key" TEXT NOT NULL CONSTRAINT "PK_meta" PRIMARY KEY,
            "value" TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "objects" (
            "key" TEXT NOT NULL CONSTRAINT "PK_objects" PRIMARY KEY,
            "grp" TEXT NOT NULL,
            "resource" TEXT NOT NULL,
            "namespace" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "rv" INTEGER NOT NULL,
            "body" TEXT NOT NULL
        );
        """;

    public static void EnsureCreated(SqliteConnection connection) => Execute(connection, Ddl);

    public sealed record ObjectRow(ObjectKey Key, long ResourceVersion, string Body);

    public sealed record ChangeRow(long Id, string Type, ObjectKey Key, string Body);

    public static IEnumerable<ObjectRow> Objects(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT grp, resource, namespace, name, rv, body FROM objects";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return new ObjectRow(new ObjectKey(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), r.GetInt64(4), r.GetString(5));
    }

    /// <summary>The newest <paramref name="take"/> changes after <paramref name="after"/>, oldest first.</summary>
    public static List<ChangeRow> RecentChanges(SqliteConnection connection, long after, int take)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, type, grp, resource, namespace, name, body FROM changes WHERE id > $after ORDER BY id DESC LIMIT $take";
        cmd.Parameters.AddWithValue("$after", after);
        cmd.Parameters.AddWithValue("$take", take);
        var rows = new List<ChangeRow>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                rows.Add(new ChangeRow(r.GetInt64(0), r.GetString(1), new ObjectKey(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)), r.GetString(6)));
        }
        rows.Reverse();
        return rows;
    }

    public static long MaxChangeId(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT MAX(id) FROM changes";
        return cmd.ExecuteScalar() is long id ? id : 0;
    }

    public static long CompactedRevision(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'compactedRevision'";
        return cmd.ExecuteScalar() is string value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
