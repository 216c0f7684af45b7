using System.Net;
using Emulator.Api.Endpoints;
using Emulator.Api.Hosting;
using Emulator.Api.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

Dictionary<string, string?> flags;
try
{
    flags = CommandLine.Parse(args, out var help);
    if (help)
    {
        Console.Out.Write(CommandLine.Usage);
        return 0;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{CommandLine.Usage}");
    return 2;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(flags);
var options = builder.Configuration.GetSection("Emulator").Get<EmulatorOptions>() ?? new EmulatorOptions();
options.DataDir = Path.GetFullPath(options.DataDir);
Directory.CreateDirectory(options.DataDir);

var bind = IPAddress.Parse(options.BindAddress);
var credentials = Credentials.LoadOrCreate(options.DataDir);
builder.Services.AddSingleton(credentials);
builder.Services.AddEmulator(options);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

// Tests host the app in memory (WebApplicationFactory) and configure their own server; only the real process listens.
if (builder.Configuration.GetValue("Emulator:Listen", true))
{
    var pki = Pki.LoadOrCreate(options.DataDir, [bind]);
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Listen(bind, options.ApiPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(pki.Serving);
        });
        if (options.HttpPort > 0) kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
    });
    var host = bind.Equals(IPAddress.Any) ? "127.0.0.1" : bind.ToString();
    if (bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) host = $"[{host}]";
    Credentials.WriteKubeconfig(options.DataDir, $"https://{host}:{options.ApiPort}", pki.CaPem, credentials.Token);
}

var app = builder.Build();
app.UseMiddleware<StatusExceptionMiddleware>();
app.UseMiddleware<AuthenticationMiddleware>();
app.UseMiddleware<RequestLimitsMiddleware>();
app.MapSystem();
app.MapDiscovery();
app.MapOpenApiV3();
app.MapResources();
app.MapFallback((HttpContext c) => StatusWriter.WriteAsync(c, Emulator.Domain.Errors.StatusException.NotFoundPath()));

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Kubernetes API emulator ready: https://{Bind}:{Port} (kubeconfig: {Kubeconfig})",
        options.BindAddress, options.ApiPort, Path.Combine(options.DataDir, "kubeconfig")));
await app.RunAsync();
return 0;

public partial class Program;
