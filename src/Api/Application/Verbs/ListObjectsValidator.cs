using Emulator.Domain.Errors;
using FluentValidation;

namespace Emulator.Api.Application.Verbs;

/// <summary>ListOptions rules of apimachinery's ValidateListOptions that a query string can break.</summary>
public sealed class ListObjectsValidator : AbstractValidator<ListObjects>
{
    public ListObjectsValidator()
    {
        RuleFor(q => q.Options.Limit).Must(l => l is null or >= 0).WithName("limit")
            .WithErrorCode("FieldValueInvalid").WithMessage(q => FieldError.Invalid("limit", q.Options.Limit, "must be greater than or equal to 0").Message);
        RuleFor(q => q.Options.ResourceVersionMatch).Must(m => m is null or "" or "NotOlderThan" or "Exact").WithName("resourceVersionMatch")
            .WithErrorCode("FieldValueNotSupported").WithMessage(q => FieldError.NotSupported("resourceVersionMatch", q.Options.ResourceVersionMatch, ["Exact", "NotOlderThan", ""]).Message);
    }
}
