using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Infrastructure.Registry;

/// <summary>
/// Kind-specific work the registry runs inside a write, for what needs state beyond the object itself
/// (kube-apiserver's BeginCreate/BeginUpdate/AfterDelete hooks: ClusterIP and NodePort allocation).
/// Begin* run under the store's write lock after the strategy's Prepare* and before validation, so an allocation
/// error wins over field errors as on the real server. They may mutate the object. The returned transaction is
/// committed after the object is stored and reverted when anything fails (validation, conflict, storage).
/// </summary>
public interface IAdmissionHook
{
    bool AppliesTo(ResourceKind kind);

    IHookTransaction? BeginCreate(ResourceKind kind, JsonObject obj, bool dryRun);

    IHookTransaction? BeginUpdate(ResourceKind kind, JsonObject obj, JsonObject old, bool dryRun);

    /// <summary>After an object is gone from the store (not for dry runs).</summary>
    void AfterDelete(ResourceKind kind, JsonObject obj);
}

public interface IHookTransaction
{
    void Commit();

    void Revert();
}
