using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Rbac.ClusterRoles;

/// <summary>pkg/registry/rbac/clusterrole/strategy.go: create-on-update allowed; rules validated.</summary>
public sealed class ClusterRoleStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;

    public override Validation.NameRule NameRule => Validation.NameRule.PathSegment;

    public override IEnumerable<FieldError> Validate(JsonObject obj) => RbacValidation.Rules(obj, namespaced: false);
}
