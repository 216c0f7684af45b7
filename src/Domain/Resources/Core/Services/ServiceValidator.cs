using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using FluentValidation;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>The object ValidateService / ValidateServiceUpdate look at: the new Service and, on update, the stored one.</summary>
public sealed record ServiceValidationInput(JsonObject Service, JsonObject? Old);

/// <summary>
/// ValidateService and ValidateServiceUpdate of k/k pkg/apis/core/validation/validation.go, rule group by rule group
/// in the real order (the order decides the order of causes and of the "[...]" message). metadata is validated by
/// the registry for every kind. Each failure carries the Kubernetes cause type as ErrorCode.
/// </summary>
public sealed class ServiceValidator : AbstractValidator<ServiceValidationInput>
{
    public ServiceValidator()
    {
        RuleFor(i => i).Custom((i, ctx) => Add(ctx, ServiceUpdateRules.Check(i.Service, i.Old)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServiceTypeRules.PortsAndType(s)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServicePortRules.Check(s)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServiceTypeRules.SelectorAffinityAndExternalIps(s)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServicePortRules.Duplicates(s)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServiceTypeRules.LoadBalancerAndTraffic(s)));
        RuleFor(i => i).Custom((i, ctx) => Add(ctx, ServiceClusterIpRules.Check(i.Service, i.Old)));
        RuleFor(i => i.Service).Custom((s, ctx) => Add(ctx, ServiceTypeRules.ClassAndDistribution(s)));
    }

    public IReadOnlyList<FieldError> Check(JsonObject service, JsonObject? old) =>
        [.. Validate(new ServiceValidationInput(service, old)).Errors.Select(f => new FieldError(f.ErrorCode, f.PropertyName, f.ErrorMessage))];

    private static void Add<T>(ValidationContext<T> ctx, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
            ctx.AddFailure(new FluentValidation.Results.ValidationFailure(e.Field, e.Message) { ErrorCode = e.Reason });
    }
}
