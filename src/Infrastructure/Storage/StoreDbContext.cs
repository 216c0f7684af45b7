using Microsoft.EntityFrameworkCore;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The SQLite schema (kine's model): current objects, plus an append-only change log whose id is the global
/// resourceVersion. EF Core owns the schema and the start-up load; the write hot path uses prepared SQL (ObjectWriter).
/// </summary>
public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    public DbSet<ObjectRow> Objects => Set<ObjectRow>();
    public DbSet<ChangeRow> Changes => Set<ChangeRow>();
    public DbSet<MetaRow> Meta => Set<MetaRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ObjectRow>(e =>
        {
            e.ToTable("objects");
            e.HasKey(o => o.Key);
            e.Property(o => o.Key).HasColumnName("key");
            e.Property(o => o.Group).HasColumnName("grp");
            e.Property(o => o.Resource).HasColumnName("resource");
            e.Property(o => o.Namespace).HasColumnName("namespace");
            e.Property(o => o.Name).HasColumnName("name");
            e.Property(o => o.ResourceVersion).HasColumnName("rv");
            e.Property(o => o.Body).HasColumnName("body");
        });
        model.Entity<ChangeRow>(e =>
        {
            e.ToTable("changes");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(c => c.Type).HasColumnName("type");
            e.Property(c => c.Group).HasColumnName("grp");
            e.Property(c => c.Resource).HasColumnName("resource");
            e.Property(c => c.Namespace).HasColumnName("namespace");
            e.Property(c => c.Name).HasColumnName("name");
            e.Property(c => c.Body).HasColumnName("body");
        });
        model.Entity<MetaRow>(e =>
        {
            e.ToTable("meta");
            e.HasKey(m => m.Key);
            e.Property(m => m.Key).HasColumnName("key");
            e.Property(m => m.Value).HasColumnName("value");
        });
    }
}

public sealed class ObjectRow
{
    public required string Key { get; set; }
    public required string Group { get; set; }
    public required string Resource { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    public long ResourceVersion { get; set; }
    public required string Body { get; set; }
}

public sealed class ChangeRow
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required string Group { get; set; }
    public required string Resource { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    public required string Body { get; set; }
}

public sealed class MetaRow
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
