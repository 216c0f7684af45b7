using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>
/// POST serviceaccounts/NAME/token (TokenRequest, authentication.k8s.io/v1), what `kubectl create token NAME` sends:
/// a signed JWT for the account, for the API's own audience unless others are asked for, valid 1 h by default
/// (pkg/registry/core/serviceaccount/storage/token.go; at least 10 minutes, at most 2^32 seconds).
/// </summary>
public sealed class TokenRequestHandler(GenericRegistry registry, ServiceAccountTokens tokens, TimeProvider time) : ISubresourceHandler
{
    private static readonly ResourceKind TokenRequestKind = new("authentication.k8s.io", "v1", "TokenRequest", "token", "", true, [], [], []);

    public bool Handles(RequestTarget target, string method) =>
        target is { Subresource: "token", Name: not null, Rest: null } && target.Definition.Kind is { Group: "", Plural: "serviceaccounts" }
        && method == "POST";

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var ns = target.Namespace ?? throw StatusException.NotFoundPath();
        var name = target.Name!;
        var body = await BodyReader.ReadObjectAsync(context.Request, TokenRequestKind, context.RequestAborted);
        var account = registry.GetOrThrow(target.Definition, ns, name).Object;
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var seconds = spec["expirationSeconds"] is JsonValue v && v.TryGetValue<long>(out var s) ? s : 3600;
        if (seconds < 600)
            throw StatusException.Invalid(TokenRequestKind, name, [FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes")]);
        if (seconds > 1L << 32)
            throw StatusException.Invalid(TokenRequestKind, name, [FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds")]);
        var audiences = (spec["audiences"] as JsonArray)?.Select(a => (string?)a).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList() ?? [];
        if (audiences.Count == 0) audiences = [tokens.Issuer];
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(seconds);
        var token = tokens.Issue(ns, name, account.Meta().Str("uid") ?? "", audiences, now, expires);
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = Timestamp(now) },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)JsonValue.Create(a)!)]),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = Timestamp(expires) },
        };
        await ResponseWriter.WriteNodeAsync(context, 201, response);
    }

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
