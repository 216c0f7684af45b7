using Emulator.Domain.Errors;
using FluentValidation;

namespace Emulator.Api.Application.Verbs;

/// <summary>
/// apimachinery pkg/apis/meta/internalversion/validation ValidateListOptions for a list (watches are checked by the
/// watch streamer). It has no rule on limit: a negative limit lists everything, as on a real server.
/// </summary>
public sealed class ListObjectsValidator : AbstractValidator<ListObjects>
{
    public ListObjectsValidator()
    {
        When(q => !string.IsNullOrEmpty(q.Options.ResourceVersionMatch), () =>
        {
            RuleFor(q => q.Options.ResourceVersion).Must(rv => !string.IsNullOrEmpty(rv)).OverridePropertyName("resourceVersionMatch")
                .WithErrorCode("FieldValueForbidden")
                .WithMessage(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided").Message);
            RuleFor(q => q.Options.Continue).Must(c => string.IsNullOrEmpty(c)).OverridePropertyName("resourceVersionMatch")
                .WithErrorCode("FieldValueForbidden")
                .WithMessage(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided").Message);
            RuleFor(q => q.Options.ResourceVersionMatch).Must(m => m is "NotOlderThan" or "Exact").OverridePropertyName("resourceVersionMatch")
                .WithErrorCode("FieldValueNotSupported")
                .WithMessage(q => FieldError.NotSupported("resourceVersionMatch", q.Options.ResourceVersionMatch, ["Exact", "NotOlderThan", ""]).Message);
            RuleFor(q => q.Options.ResourceVersion).Must(rv => rv != "0").When(q => q.Options.ResourceVersionMatch == "Exact")
                .OverridePropertyName("resourceVersionMatch").WithErrorCode("FieldValueForbidden")
                .WithMessage(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"").Message);
        });
    }
}
