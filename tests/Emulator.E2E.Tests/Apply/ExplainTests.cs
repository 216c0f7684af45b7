using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Apply;

/// <summary><c>kubectl explain</c> reads the /openapi/v3 schemas, descriptions included.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ExplainTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Explain_service_spec_prints_the_field_types_and_descriptions()
    {
        (await fixture.Kubectl.RunAsync("explain", "service.spec")).Succeeds()
            .PrintsLine("^KIND:\\s+Service$")
            .PrintsLine("^VERSION:\\s+v1$")
            .PrintsLine("^FIELD: spec <ServiceSpec>$")
            .PrintsLine("^\\s+Spec defines the behavior of a service\\.$")
            .PrintsLine("^\\s+ports\\s+<\\[\\]ServicePort>$")
            .PrintsLine("^\\s+selector\\s+<map\\[string\\]string>$")
            .PrintsLine("^\\s+type\\s+<string>$")
            .PrintsLine("^\\s+The list of ports that are exposed by this service\\. More info:$");
    }

    [Fact]
    public async Task Explain_deployment_strategy_recursive_lists_the_nested_fields()
    {
        (await fixture.Kubectl.RunAsync("explain", "deployment.spec.strategy", "--recursive")).Succeeds()
            .PrintsLine("^GROUP:\\s+apps$")
            .PrintsLine("^FIELD: strategy <DeploymentStrategy>$")
            .PrintsLine("^\\s+rollingUpdate\\s+<RollingUpdateDeployment>$")
            .PrintsLine("^\\s+maxSurge\\s+<\\S+>$")
            .PrintsLine("^\\s+type\\s+<string>$");
    }
}
