using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.E2E.Tests.Harness;

/// <summary>An open <c>?watch=true</c> response read one newline-delimited JSON event at a time.</summary>
public sealed class WatchStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public HttpStatusCode StatusCode => response.StatusCode;

    public string? ContentType => response.Content.Headers.ContentType?.ToString();

    /// <summary>The next event, or null when the server closed the stream.</summary>
    public async Task<JsonObject?> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                return JsonNode.Parse(line) as JsonObject
                    ?? throw new InvalidDataException($"A watch event that is not a JSON object: {line}");
            }
        }

        return null;
    }

    /// <summary>The rest of the body, for answers that are not a stream (e.g. a 410 Status).</summary>
    public Task<string> ReadToEndAsync(CancellationToken cancellationToken) => reader.ReadToEndAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
