// The benchmark baseline: a bare ASP.NET Core app, same runtime and Web SDK defaults (server GC) as src/Api.
//
//   BareServer --port N                                   startup baseline: GET /readyz returns a fixed byte array
//   BareServer --port N --bytes-dir DIR                   replay baseline: also serves the emulator's captured bytes
//              [--https-port N --cert PEM --key PEM]      ... and the same over HTTPS with the emulator's certificate
//
// In replay mode DIR holds get.json, list.json and create.json, captured from the emulator in the same run:
//   GET  /api/v1/namespaces/{ns}/configmaps/{name}  -> 200 get.json
//   GET  /api/v1/namespaces/{ns}/configmaps         -> 200 list.json
//   POST /api/v1/namespaces/{ns}/configmaps         -> reads the whole body, 201 create.json
using System.Net;
using System.Security.Cryptography.X509Certificates;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
var port = int.Parse(options["port"]);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
// Same log filters as the emulator, so neither pays for per-request Information logging.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, port);
    if (options.TryGetValue("https-port", out var httpsPort))
    {
        var certificate = X509Certificate2.CreateFromPemFile(options["cert"], options["key"]);
        kestrel.Listen(IPAddress.Loopback, int.Parse(httpsPort), listen => listen.UseHttps(certificate));
    }
});
var app = builder.Build();

var ok = "ok"u8.ToArray();
app.MapGet("/readyz", () => Results.Bytes(ok, "text/plain"));

if (options.TryGetValue("bytes-dir", out var dir))
{
    var get = File.ReadAllBytes(Path.Combine(dir, "get.json"));
    var list = File.ReadAllBytes(Path.Combine(dir, "list.json"));
    var created = File.ReadAllBytes(Path.Combine(dir, "create.json"));
    app.MapGet("/api/v1/namespaces/{ns}/configmaps/{name}", () => Results.Bytes(get, "application/json"));
    app.MapGet("/api/v1/namespaces/{ns}/configmaps", () => Results.Bytes(list, "application/json"));
    app.MapPost("/api/v1/namespaces/{ns}/configmaps", async (HttpContext context) =>
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = created.Length;
        await context.Response.Body.WriteAsync(created, context.RequestAborted);
    });
}

app.Run();
