using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Rbac.Roles;

/// <summary>pkg/registry/rbac/role/strategy.go: create-on-update allowed; rules validated.</summary>
public sealed class RoleStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;

    public override Validation.NameRule NameRule => Validation.NameRule.PathSegment;

    public override IEnumerable<FieldError> Validate(JsonObject obj) => RbacValidation.Rules(obj, namespaced: true);
}
