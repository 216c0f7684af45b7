using Microsoft.Data.Sqlite;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The single SQLite writer: one connection, prepared statements, one transaction per group of changes (group
/// commit, docs/decisions/0010). WAL with synchronous=NORMAL: a committed transaction survives a crash of the
/// process (the WAL is written before COMMIT returns); only a power loss may lose the last transactions
/// (docs/decisions/0002).
/// </summary>
internal sealed class ObjectWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertChange, _upsertObject, _deleteObject;

    public ObjectWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        StoreSchema.EnsureCreated(_connection);
        Pragma("PRAGMA journal_mode=WAL;");
        Pragma("PRAGMA synchronous=NORMAL;");
        Pragma("PRAGMA busy_timeout=5000;");
        _insertChange = Prepare("INSERT INTO changes (id, type, grp, resource, namespace, name, body) VALUES ($id, $type, $grp, $resource, $ns, $name, $body)",
            "$id", "$type", "$grp", "$resource", "$ns", "$name", "$body");
        _upsertObject = Prepare("INSERT INTO objects (key, grp, resource, namespace, name, rv, body) VALUES ($key, $grp, $resource, $ns, $name, $rv, $body) " +
            "ON CONFLICT(key) DO UPDATE SET rv = excluded.rv, body = excluded.body",
            "$key", "$grp", "$resource", "$ns", "$name", "$rv", "$body");
        _deleteObject = Prepare("DELETE FROM objects WHERE key = $key", "$key");
    }

    /// <summary>The connection, for the start-up load only (before any write).</summary>
    public SqliteConnection Connection => _connection;

    public static string RowKey(ObjectKey key) => $"{key.Group}/{key.Resource}/{key.Namespace}/{key.Name}";

    /// <summary>Writes the changes in one transaction, in order; nothing of them is stored if it throws.</summary>
    public void Commit(IReadOnlyList<WatchEvent> changes)
    {
        using var tx = _connection.BeginTransaction();
        _insertChange.Transaction = tx;
        _deleteObject.Transaction = tx;
        _upsertObject.Transaction = tx;
        foreach (var change in changes)
        {
            var (type, key, revision, body) = (change.Type, change.Key, change.ResourceVersion, change.Object.Json);
            Bind(_insertChange, revision, type, key.Group, key.Resource, key.Namespace, key.Name, body);
            _insertChange.ExecuteNonQuery();
            if (type == "DELETED")
            {
                Bind(_deleteObject, RowKey(key));
                _deleteObject.ExecuteNonQuery();
            }
            else
            {
                Bind(_upsertObject, RowKey(key), key.Group, key.Resource, key.Namespace, key.Name, revision, body);
                _upsertObject.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <summary>Drops change rows that no watch can ask for any more, and remembers where history now starts.</summary>
    public void Compact(long compactedRevision)
    {
        using var tx = _connection.BeginTransaction();
        using var delete = _connection.CreateCommand();
        delete.Transaction = tx;
        delete.CommandText = "DELETE FROM changes WHERE id <= $rv AND id < (SELECT MAX(id) FROM changes)";
        delete.Parameters.AddWithValue("$rv", compactedRevision);
        delete.ExecuteNonQuery();
        using var meta = _connection.CreateCommand();
        meta.Transaction = tx;
        meta.CommandText = "INSERT INTO meta (key, value) VALUES ('compactedRevision', $rv) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        meta.Parameters.AddWithValue("$rv", compactedRevision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        meta.ExecuteNonQuery();
        tx.Commit();
    }

    private void Pragma(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        cmd.Prepare();
        return cmd;
    }

    private static void Bind(SqliteCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
    }

    public void Dispose()
    {
        _insertChange.Dispose();
        _upsertObject.Dispose();
        _deleteObject.Dispose();
        _connection.Dispose();
    }
}
