using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Rbac;

/// <summary>
/// pkg/registry/rbac/rolebinding and clusterrolebinding strategy.go: subjects and roleRef defaulted and validated;
/// roleRef immutable. The two kinds differ only in whether subjects and roleRef are checked as namespaced.
/// </summary>
public sealed class BindingStrategy(bool namespaced) : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;

    public override Validation.NameRule NameRule => Validation.NameRule.PathSegment;

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        RbacValidation.DefaultBinding(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        RbacValidation.DefaultBinding(obj);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj) => RbacValidation.Binding(obj, namespaced);

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => RbacValidation.BindingUpdate(obj, old, namespaced);
}
