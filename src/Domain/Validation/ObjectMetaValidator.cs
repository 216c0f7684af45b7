using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using FluentValidation;

namespace Emulator.Domain.Validation;

/// <summary>What ValidateObjectMeta looks at, lifted out of the JSON so FluentValidation rules stay typed.</summary>
public sealed record ObjectMetaInput(
    string? Name, string? GenerateName, string? Namespace, bool Namespaced, NameRule NameRule,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    public static ObjectMetaInput From(JsonObject obj, bool namespaced, NameRule rule) => new(
        obj.Meta().Str("name"), obj.Meta().Str("generateName"), obj.Namespace(), namespaced, rule,
        obj.Labels(), JsonObjectExtensions.StringMap(obj.Meta()["annotations"]));
}

/// <summary>
/// apimachinery's ValidateObjectMeta (pkg/api/validation/objectmeta.go): name, namespace, labels, annotations.
/// Each failure carries the Kubernetes cause type as ErrorCode and the rendered body as its message.
/// </summary>
public sealed class ObjectMetaValidator : AbstractValidator<ObjectMetaInput>
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public ObjectMetaValidator()
    {
        RuleFor(m => m).Custom((m, ctx) =>
        {
            if (string.IsNullOrEmpty(m.Name))
            {
                if (string.IsNullOrEmpty(m.GenerateName))
                    Add(ctx, FieldError.Required("metadata.name", "name or generateName is required"));
            }
            else
            {
                foreach (var e in NameFormats.NameErrors(m.Name, m.NameRule))
                    Add(ctx, FieldError.Invalid("metadata.name", m.Name, e));
            }
            if (m.Namespaced && string.IsNullOrEmpty(m.Namespace))
                Add(ctx, FieldError.Required("metadata.namespace"));
            else if (!m.Namespaced && !string.IsNullOrEmpty(m.Namespace))
                Add(ctx, FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
            foreach (var (key, value) in m.Labels)
            {
                foreach (var e in NameFormats.QualifiedNameErrors(key)) Add(ctx, FieldError.Invalid("metadata.labels", key, e));
                foreach (var e in NameFormats.LabelValueErrors(value)) Add(ctx, FieldError.Invalid("metadata.labels", value, e));
            }
            var size = 0;
            foreach (var (key, value) in m.Annotations)
            {
                foreach (var e in NameFormats.QualifiedNameErrors(key.ToLowerInvariant())) Add(ctx, FieldError.Invalid("metadata.annotations", key, e));
                size += key.Length + value.Length;
            }
            if (size > TotalAnnotationSizeLimit)
                Add(ctx, new FieldError("FieldValueTooLong", "metadata.annotations", $"Too long: may not be more than {TotalAnnotationSizeLimit} bytes"));
        });
    }

    private static void Add(ValidationContext<ObjectMetaInput> ctx, FieldError error) =>
        ctx.AddFailure(new FluentValidation.Results.ValidationFailure(error.Field, error.Message) { ErrorCode = error.Reason });

    public IReadOnlyList<FieldError> Check(ObjectMetaInput input) =>
        [.. Validate(input).Errors.Select(f => new FieldError(f.ErrorCode, f.PropertyName, f.ErrorMessage))];
}
