using Emulator.Api.Hosting;
using Emulator.Api.Http;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.OpenApi;

/// <summary>
/// Swagger UI (Swashbuckle.AspNetCore.SwaggerUI) at /swagger over the <see cref="ReferenceDocument"/>, served on the
/// plain HTTP port only: that port needs no token, so "Try it out" works from the browser; the HTTPS API stays a
/// Kubernetes API and answers /swagger as kube-apiserver does (404).
/// </summary>
public static class SwaggerUi
{
    public const string DocumentPath = "/swagger/openapi.json";

    private static readonly object Gate = new();
    private static string? json;

    public static void UseSwaggerUiOnHttpPort(this WebApplication app, EmulatorOptions options)
    {
        if (options.HttpPort <= 0) return;
        app.UseWhen(c => c.Connection.LocalPort == options.HttpPort && !c.Request.IsHttps, branch =>
        {
            branch.Use((context, next) =>
            {
                if (!context.Request.Path.Equals(DocumentPath, StringComparison.Ordinal) || !HttpMethods.IsGet(context.Request.Method)) return next(context);
                return ResponseWriter.WriteJsonAsync(context, 200, Document(context.RequestServices.GetRequiredService<ResourceCatalog>()));
            });
            branch.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = "swagger";
                ui.DocumentTitle = "Kubernetes API emulator";
                ui.SwaggerEndpoint(DocumentPath, $"Kubernetes {SystemEndpointsVersion()}");
                ui.DisplayOperationId();
                ui.EnableDeepLinking();
                ui.EnableFilter();
                ui.DefaultModelsExpandDepth(0);
            });
        });
    }

    private static string SystemEndpointsVersion() => Endpoints.SystemEndpoints.GitVersion;

    private static string Document(ResourceCatalog catalog)
    {
        lock (Gate) return json ??= JsonText.Serialize(ReferenceDocument.Build(catalog));
    }
}
