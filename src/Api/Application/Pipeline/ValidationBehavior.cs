using Emulator.Domain.Errors;
using FluentValidation;
using Mediator;

namespace Emulator.Api.Application.Pipeline;

/// <summary>
/// Checks the request message (options, names) with its FluentValidation validators before the handler runs.
/// Object validation is the registry's job, so controller writes are checked too.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var failures = validators.SelectMany(v => v.Validate(message).Errors).ToList();
        if (failures.Count > 0)
        {
            var errors = failures.Select(f => new FieldError(f.ErrorCode, f.PropertyName, f.ErrorMessage)).ToList();
            throw StatusException.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", errors);
        }
        return next(message, ct);
    }
}
