using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Raw HTTP to the emulator, for what kubectl cannot show: exact status codes, Status bodies, concurrent writes and
/// watches resumed from a chosen resourceVersion. HTTPS clients trust only DIR/ca.crt, as kubectl does.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Func<string> serverOutput;

    private ApiClient(HttpClient http, Func<string> serverOutput)
    {
        this.http = http;
        this.serverOutput = serverOutput;
    }

    /// <summary>HTTPS on the API port; <paramref name="bearerToken"/> null sends no Authorization header.</summary>
    public static ApiClient Https(EmulatorProcess emulator, string? bearerToken)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(emulator.CaPath));
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions =
            {
                // Trust exactly the emulator's CA; the host name (127.0.0.1) is still checked against the certificate.
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    CustomTrustStore = { ca },
                },
            },
        };
        var http = new HttpClient(handler) { BaseAddress = emulator.ApiUri, Timeout = TimeSpan.FromSeconds(30) };
        if (bearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return new ApiClient(http, emulator.RecentOutput);
    }

    /// <summary>The plain-HTTP port, which serves the same API without authentication.</summary>
    public static ApiClient PlainHttp(EmulatorProcess emulator) =>
        new(new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = emulator.HttpUri, Timeout = TimeSpan.FromSeconds(30) }, emulator.RecentOutput);

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, body, contentType);

    public Task<ApiResponse> PutAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Put, path, body, contentType);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await http.SendAsync(request);
        return new ApiResponse(
            $"{method} {path}",
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsStringAsync(),
            serverOutput());
    }

    /// <summary>POSTs <paramref name="body"/> and requires 201 Created; returns the stored object.</summary>
    public async Task<JsonObject> CreateAsync(string collectionPath, string body) =>
        (await PostAsync(collectionPath, body)).HasStatus(HttpStatusCode.Created).Json();

    public Task<JsonObject> CreateNamespaceAsync(string name) => CreateAsync(ApiPaths.Namespaces, Manifests.Namespace(name));

    /// <summary>Opens a watch and returns as soon as the response headers arrive; the events are read from the stream.</summary>
    public async Task<WatchStream> WatchAsync(string pathAndQuery)
    {
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new WatchStream(response, new StreamReader(stream, Encoding.UTF8));
    }

    public void Dispose() => http.Dispose();
}
