using System.Net;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Api.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Emulator.Api.Hosting;

/// <summary>
/// The whole emulator as one WebApplication, built from the parsed command-line flags (<see cref="CommandLine"/>).
/// Program.cs runs it as the process; Emulator.Testing runs it inside a test process. <paramref name="configure"/>
/// lets such a host adjust the builder (logging, extra services) after the emulator has registered everything.
/// </summary>
public static class EmulatorHost
{
    public static WebApplication Build(IReadOnlyDictionary<string, string?> flags, Action<WebApplicationBuilder>? configure = null)
    {
        StartupTrace.Mark("build starts");
        // No appsettings files ship, so no file watcher on the content root (an inotify watch per bin/ folder at start).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(flags);
        var options = builder.Configuration.GetSection("Emulator").Get<EmulatorOptions>() ?? new EmulatorOptions();
        options.DataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(options.DataDir);

        StartupTrace.Mark("builder created");
        var bind = IPAddress.Parse(options.BindAddress);
        var credentials = Credentials.LoadOrCreate(options.DataDir);
        builder.Services.AddSingleton(credentials);
        builder.Services.AddEmulator(options);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // Tests host the app in memory (WebApplicationFactory) and configure their own server; only the real process listens.
        var listen = builder.Configuration.GetValue("Emulator:Listen", true);
        var openingStore = listen ? StartupWarmup.OpenStoreEarly(builder.Services) : null;
        try
        {
            return Finish(builder, options, bind, listen, credentials, configure);
        }
        catch
        {
            StartupWarmup.Abandon(openingStore);
            throw;
        }
    }

    private static WebApplication Finish(WebApplicationBuilder builder, EmulatorOptions options, IPAddress bind, bool listen,
        Credentials credentials, Action<WebApplicationBuilder>? configure)
    {
        if (listen)
        {
            // The process logs to the console only: the Debug and EventSource providers cost start-up JIT and a
            // dispatch per log line for output nobody reads (ADR 0020). Test hosts keep the defaults.
            builder.Logging.ClearProviders().AddConsole();
            StartupTrace.Mark("services registered");
            var pki = Pki.LoadOrCreate(options.DataDir, [bind]);
            builder.Services.AddSingleton(pki);
            StartupWarmup.Certificate(pki.Serving);
            StartupTrace.Mark("pki loaded");
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.MaxRequestBodySize = null;
                kestrel.Listen(bind, options.ApiPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(Emulator.Api.Security.HttpsClientCertificates.Options(pki));
                });
                if (options.HttpPort > 0) kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            });
            var host = bind.Equals(IPAddress.Any) ? "127.0.0.1" : bind.ToString();
            if (bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) host = $"[{host}]";
            Credentials.WriteKubeconfig(options.DataDir, $"https://{host}:{options.ApiPort}", pki.CaPem, credentials.Token);
        }
        configure?.Invoke(builder);

        if (StartupTrace.Enabled) TracedHostedService.WrapAll(builder.Services);
        var app = builder.Build();
        StartupTrace.Mark("host built");
        app.UseMiddleware<StatusExceptionMiddleware>();
        app.UseSwaggerUiOnHttpPort(options);
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.MapSystem();
        Emulator.Api.Security.SecurityEndpoints.MapSecurity(app);
        app.MapDiscovery();
        app.MapOpenApiV3();
        app.MapResources();
        // "{*path}" rather than the default "{*path:nonfile}": /swagger/index.html on the HTTPS API is a 404 Status too.
        app.MapFallback("{*path}", (HttpContext c) => StatusWriter.WriteAsync(c, Emulator.Domain.Errors.StatusException.NotFoundPath()));

        StartupTrace.Mark("endpoints mapped");
        app.Lifetime.ApplicationStarted.Register(() => StartupTrace.Mark("application started"));
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Kubernetes API emulator ready: https://{Bind}:{Port} (kubeconfig: {Kubeconfig})",
                options.BindAddress, options.ApiPort, Path.Combine(options.DataDir, "kubeconfig")));
        return app;
    }
}
