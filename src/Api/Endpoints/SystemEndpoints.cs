using System.Text.Json.Nodes;
using Emulator.Api.Http;

namespace Emulator.Api.Endpoints;

/// <summary>/version and the health endpoints, open without credentials as on a real cluster.</summary>
public static class SystemEndpoints
{
    public const string GitVersion = "v1.35.2";

    public static void MapSystem(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", (HttpContext c) => ResponseWriter.WriteNodeAsync(c, 200, new JsonObject
        {
            ["major"] = "1", ["minor"] = "35", ["emulationMajor"] = "1", ["emulationMinor"] = "35",
            ["minCompatibilityMajor"] = "1", ["minCompatibilityMinor"] = "34",
            ["gitVersion"] = GitVersion, ["gitCommit"] = "0000000000000000000000000000000000000000", ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-02-10T12:00:00Z", ["goVersion"] = "go1.25.6", ["compiler"] = "gc",
            ["platform"] = $"{(OperatingSystem.IsMacOS() ? "darwin" : "linux")}/{(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64")}",
        })).ExcludeFromDescription();
        app.MapGet("/readyz", () =>
        {
            Hosting.StartupTrace.FirstReady();
            return Results.Text("ok");
        }).ExcludeFromDescription();
        foreach (var path in new[] { "/livez", "/healthz" })
            app.MapGet(path, () => Results.Text("ok")).ExcludeFromDescription();
    }
}
