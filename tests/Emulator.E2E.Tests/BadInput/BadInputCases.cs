using System.Text;

namespace Emulator.E2E.Tests.BadInput;

/// <summary>One malformed or hostile request and the answer a real kube-apiserver v1.35 gives it.</summary>
/// <param name="Path">Request path; <c>{ns}</c> is replaced by the test namespace, which holds ConfigMap c1,
/// Secret s1 and Service web (selecting no pod).</param>
/// <param name="Chunked">Send the body without Content-Length (chunked), so only reading it can find its size.</param>
public sealed record BadInputCase(
    string Name, string Method, string Path, byte[]? Body, string? ContentType, int Code, string Reason, string Message,
    string? Accept = null, bool Chunked = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The table. Every expected message was checked against the source that words it (cited per group); the emulator
/// must answer with the same code, reason and message, and change nothing.
/// </summary>
public static class BadInputCases
{
    private const string ConfigMaps = "/api/v1/namespaces/{ns}/configmaps";
    private const string C1 = ConfigMaps + "/c1";
    private const string Json = "application/json";
    private const string Yaml = "application/yaml";
    private const string Protobuf = "application/vnd.kubernetes.protobuf";
    private const string FindKind = "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";
    private const string Scheme = "pkg/api/legacyscheme/scheme.go:30";
    private const string UnrecognizedConfigMap = "the object provided is unrecognized (must be of type ConfigMap): ";
    private const string NameRegexMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Cm(string name, string extra = "") =>
        B($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"{extra}}}}}");

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static IReadOnlyList<BadInputCase> All { get; } = Build();

    private static List<BadInputCase> Build()
    {
        var cases = new List<BadInputCase>();
        void Add(string name, string method, string path, byte[]? body, string? contentType, int code, string reason, string message,
            string? accept = null, bool chunked = false) =>
            cases.Add(new BadInputCase(name, method, path, body, contentType, code, reason, message, accept, chunked));

        // Broken JSON. apiserver endpoints/handlers/rest.go transformDecodeError + summarizeData(body, 30);
        // apimachinery runtime/serializer/json/meta.go Interpret ("couldn't get version/kind; json parse error: %v");
        // Go encoding/json scanner.go for the syntax errors.
        Add("json-truncated", "POST", ConfigMaps, B("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"broken\"},\"data\":{\"a\":\""), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: unexpected end of JSON input ({\"apiVersion\":\"v1\",\"kind\":\"Con ...)");
        Add("json-unquoted-key", "POST", ConfigMaps, B("{\"apiVersion\":\"v1\",kind:\"ConfigMap\"}"), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: invalid character 'k' looking for beginning of object key string ({\"apiVersion\":\"v1\",kind:\"Confi ...)");
        Add("json-trailing-garbage", "POST", ConfigMaps, B("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"} x"), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: invalid character 'x' after top-level value ({\"apiVersion\":\"v1\",\"kind\":\"Con ...)");
        Add("json-array", "POST", ConfigMaps, B("[1,2]"), Json,
            400, "BadRequest", UnrecognizedConfigMap + $"couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type {FindKind} (5b312c325d)");
        Add("json-string", "POST", ConfigMaps, B("\"configmap\""), Json,
            400, "BadRequest", UnrecognizedConfigMap + $"couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type {FindKind} (22636f6e6669676d617022)");
        Add("json-empty-body", "POST", ConfigMaps, [], Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)");
        Add("json-truncated-literal", "POST", ConfigMaps, B("tru"), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: invalid character ' ' in literal true (expecting 'e') (747275)");
        Add("json-control-character", "POST", ConfigMaps, Cm("a\u0001"), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: invalid character '\\x01' in string literal ({\"apiVersion\":\"v1\",\"kind\":\"Con ...)");
        Add("json-nested-10001-deep", "POST", ConfigMaps,
            Concat(B("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"deep\"},\"x\":"), B(new string('[', 10001)), B(new string(']', 10001)), B("}")), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: invalid character '[' exceeded max depth ({\"apiVersion\":\"v1\",\"kind\":\"Con ...)");
        Add("json-apiversion-not-a-string", "POST", ConfigMaps, B("{\"apiVersion\":5,\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", UnrecognizedConfigMap + "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string ({\"apiVersion\":5,\"kind\":\"Config ...)");

        // Broken YAML. Same frame; sigs.k8s.io/yaml YAMLToJSON with go-yaml's scanner error ("yaml: line N: ...").
        Add("yaml-tab-indentation", "POST", ConfigMaps, B("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n"), Yaml,
            400, "BadRequest", UnrecognizedConfigMap + "yaml: line 4: found character that cannot start any token (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)");
        Add("yaml-scalar-document", "POST", ConfigMaps, B("just a string"), Yaml,
            400, "BadRequest", UnrecognizedConfigMap + $"couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type {FindKind} (6a757374206120737472696e67)");

        // Broken protobuf. apimachinery runtime/serializer/protobuf/protobuf.go Decode (prefix checks) and the
        // gogo-generated runtime.Unknown Unmarshal (io.ErrUnexpectedEOF).
        Add("protobuf-without-magic", "POST", ConfigMaps, B("garbage"), Protobuf,
            400, "BadRequest", UnrecognizedConfigMap + "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (67617262616765)");
        Add("protobuf-magic-only", "POST", ConfigMaps, B("k8s\0"), Protobuf,
            400, "BadRequest", UnrecognizedConfigMap + "empty body (6b387300)");
        Add("protobuf-truncated-envelope", "POST", ConfigMaps, Concat(B("k8s\0"), [0x0a, 0x05, (byte)'a']), Protobuf,
            400, "BadRequest", UnrecognizedConfigMap + "unexpected EOF (6b3873000a0561)");
        Add("protobuf-empty-body", "POST", ConfigMaps, [], Protobuf,
            400, "BadRequest", UnrecognizedConfigMap + "empty data (<empty>)");

        // apiVersion/kind against the URL. apimachinery runtime/scheme.go (NewNotRegisteredErrForKind),
        // conversion/converter.go ("converting (%s) to (%s): unknown conversion"), handlers/rest.go transformDecodeError.
        Add("configmap-posted-to-secrets", "POST", "/api/v1/namespaces/{ns}/secrets", Cm("misfiled"), Json,
            400, "BadRequest", "ConfigMap in version \"v1\" cannot be handled as a Secret: converting (v1.ConfigMap) to (core.Secret): unknown conversion");
        Add("unknown-api-version", "POST", ConfigMaps, B("{\"apiVersion\":\"v2\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", $"ConfigMap in version \"v2\" cannot be handled as a ConfigMap: no kind \"ConfigMap\" is registered for version \"v2\" in scheme \"{Scheme}\"");
        Add("lower-case-kind", "POST", ConfigMaps, B("{\"apiVersion\":\"v1\",\"kind\":\"configmap\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", $"configmap in version \"v1\" cannot be handled as a ConfigMap: no kind \"configmap\" is registered for version \"v1\" in scheme \"{Scheme}\"");
        Add("kind-in-wrong-group", "POST", ConfigMaps, B("{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", $"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: no kind \"ConfigMap\" is registered for version \"apps/v1\" in scheme \"{Scheme}\"");
        Add("deployment-posted-to-configmaps", "POST", ConfigMaps, B("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", "Deployment in version \"v1\" cannot be handled as a ConfigMap: converting (v1.Deployment) to (core.ConfigMap): unknown conversion");
        Add("deployment-posted-to-replicasets", "POST", "/apis/apps/v1/namespaces/{ns}/replicasets", B("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"}}"), Json,
            400, "BadRequest", "Deployment in version \"v1\" cannot be handled as a ReplicaSet: converting (v1.Deployment) to (apps.ReplicaSet): unknown conversion");

        // Names and namespaces. apiserver registry/rest/create.go BeforeCreate; endpoints/handlers/rest.go checkName;
        // apimachinery api/validation/objectmeta.go, util/validation/validation.go.
        Add("namespace-mismatch-on-create", "POST", ConfigMaps, Cm("x", ",\"namespace\":\"elsewhere\""), Json,
            400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request");
        Add("name-mismatch-on-put", "PUT", C1, Cm("c2"), Json,
            400, "BadRequest", "the name of the object (c2) does not match the name on the URL (c1)");
        Add("namespace-mismatch-on-put", "PUT", C1, Cm("c1", ",\"namespace\":\"elsewhere\""), Json,
            400, "BadRequest", "the namespace of the object (elsewhere) does not match the namespace on the request ({ns})");
        Add("missing-name", "POST", ConfigMaps, B("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}"), Json,
            422, "Invalid", "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
        Add("invalid-name", "POST", ConfigMaps, Cm("Bad_Name"), Json,
            422, "Invalid", $"ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": {NameRegexMessage}");
        var longName = new string('a', 254);
        Add("name-too-long", "POST", ConfigMaps, Cm(longName), Json,
            422, "Invalid", $"ConfigMap \"{longName}\" is invalid: metadata.name: Invalid value: \"{longName}\": must be no more than 253 characters");
        Add("invalid-label-key", "POST", ConfigMaps, Cm("x", ",\"labels\":{\"bad key\":\"v\"}"), Json,
            422, "Invalid", $"ConfigMap \"x\" is invalid: metadata.labels: Invalid value: \"bad key\": {QualifiedNameMessage}");
        Add("invalid-label-value", "POST", ConfigMaps, Cm("x", ",\"labels\":{\"k\":\"bad value!\"}"), Json,
            422, "Invalid", "ConfigMap \"x\" is invalid: metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        Add("invalid-annotation-key", "POST", ConfigMaps, Cm("x", ",\"annotations\":{\"bad key\":\"v\"}"), Json,
            422, "Invalid", $"ConfigMap \"x\" is invalid: metadata.annotations: Invalid value: \"bad key\": {QualifiedNameMessage}");
        Add("annotations-over-256KiB", "POST", ConfigMaps, Cm("x", $",\"annotations\":{{\"a\":\"{new string('x', 262144)}\"}}"), Json,
            422, "Invalid", "ConfigMap \"x\" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes");
        Add("namespace-that-does-not-exist", "POST", "/api/v1/namespaces/no-such-namespace-e2e/configmaps", Cm("x"), Json,
            404, "NotFound", "namespaces \"no-such-namespace-e2e\" not found");

        // Patches. apiserver endpoints/handlers/patch.go (patch types, jsonPatcher.applyJSPatch, strategicPatchObject,
        // ValidatePatchOptions), apimachinery api/errors NewGenericServerResponse(422), evanphx/json-patch ErrBadJSONPatch.
        Add("patch-with-plain-json-content-type", "PATCH", C1, B("{}"), Json,
            415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml");
        Add("json-patch-unknown-op", "PATCH", C1, B("[{\"op\":\"bogus\",\"path\":\"/data/a\",\"value\":\"x\"}]"), "application/json-patch+json",
            422, "Invalid", "the server rejected our request due to an error in our request");
        Add("json-patch-remove-missing-path", "PATCH", C1, B("[{\"op\":\"remove\",\"path\":\"/data/missing\"}]"), "application/json-patch+json",
            422, "Invalid", "the server rejected our request due to an error in our request");
        Add("json-patch-not-a-list", "PATCH", C1, B("{\"op\":\"add\"}"), "application/json-patch+json",
            400, "BadRequest", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
        Add("json-patch-10001-operations", "PATCH", C1,
            B("[" + string.Join(",", Enumerable.Repeat("{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"c1\"}", 10001)) + "]"), "application/json-patch+json",
            413, "RequestEntityTooLarge", "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
        Add("merge-patch-broken-json", "PATCH", C1, B("{bad"), "application/merge-patch+json",
            400, "BadRequest", "error decoding patch: invalid character 'b' looking for beginning of object key string");
        Add("merge-patch-broken-json-ignore", "PATCH", C1 + "?fieldValidation=Ignore", B("{bad"), "application/merge-patch+json",
            400, "BadRequest", "Invalid JSON Patch");
        Add("strategic-merge-patch-broken-json", "PATCH", C1, B("{bad"), "application/strategic-merge-patch+json",
            400, "BadRequest", "invalid character 'b' looking for beginning of object key string");
        Add("strategic-merge-patch-list", "PATCH", C1, B("[1]"), "application/strategic-merge-patch+json",
            400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}");
        Add("apply-without-field-manager", "PATCH", C1, B("a: b"), "application/apply-patch+yaml",
            422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        Add("force-on-merge-patch", "PATCH", C1 + "?force=true", B("{}"), "application/merge-patch+json",
            422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");

        // Query parameters. apimachinery runtime/conversion.go (strconv.ParseInt), meta/internalversion/validation
        // ValidateListOptions, apiserver storage ValidateListOptions ("invalid resource version: %v"), labels/selector.go,
        // runtime DefaultMetaV1FieldSelectorConversion, k/k pkg/apis/core/v1/conversion.go (pods),
        // meta/v1/validation ValidateDryRun / ValidateFieldValidation / ValidateDeleteOptions.
        Add("limit-out-of-range", "GET", ConfigMaps + "?limit=99999999999999999999", null, null,
            400, "BadRequest", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range");
        Add("limit-not-a-number", "GET", ConfigMaps + "?limit=ten", null, null,
            400, "BadRequest", "strconv.ParseInt: parsing \"ten\": invalid syntax");
        Add("watch-timeout-out-of-range", "GET", ConfigMaps + "?watch=true&timeoutSeconds=99999999999999999999", null, null,
            400, "BadRequest", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range");
        Add("resource-version-not-a-number", "GET", ConfigMaps + "?resourceVersion=abc", null, null,
            400, "BadRequest", "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax");
        Add("resource-version-match-unknown", "GET", ConfigMaps + "?resourceVersionMatch=Bogus", null, null,
            422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Unsupported value: \"Bogus\": supported values: \"Exact\", \"NotOlderThan\", \"\"]");
        Add("label-selector-unterminated", "GET", ConfigMaps + "?labelSelector=a%20in%20(", null, null,
            400, "BadRequest", "unable to parse requirement: found '', expected: ',', ')' or identifier");
        Add("field-selector-unknown-field-configmaps", "GET", ConfigMaps + "?fieldSelector=foo%3Dbar", null, null,
            400, "BadRequest", "\"foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        Add("field-selector-unknown-field-pods", "GET", "/api/v1/namespaces/{ns}/pods?fieldSelector=foo%3Dbar", null, null,
            400, "BadRequest", "field label not supported: foo");
        Add("dry-run-unknown-value", "POST", ConfigMaps + "?dryRun=Bogus", Cm("x"), Json,
            422, "Invalid", "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Bogus\"}: supported values: \"All\"");
        Add("field-validation-unknown-value", "POST", ConfigMaps + "?fieldValidation=Bogus", Cm("x"), Json,
            422, "Invalid", "CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Bogus\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
        Add("strict-unknown-field-and-unknown-query", "POST", ConfigMaps + "?fieldValidation=Strict&bogus=1", Cm("x", "},\"spec\":{\"a\":1"), Json,
            400, "BadRequest", "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"spec\"");
        Add("delete-unknown-propagation-policy", "DELETE", C1 + "?propagationPolicy=Bogus", null, null,
            422, "Invalid", "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Bogus\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");

        // Media types and sizes. apiserver endpoints/handlers/negotiation/errors.go (406, 415) and
        // handlers/rest.go limitedReadBody (413, MaxRequestBodyBytes = 3 MiB).
        Add("accept-html", "GET", ConfigMaps, null, null,
            406, "NotAcceptable", "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf", accept: "text/html");
        Add("body-as-text-plain", "POST", ConfigMaps, Cm("x"), "text/plain",
            415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        var huge = Cm("huge", $"}},\"data\":{{\"a\":\"{new string('x', 3 * 1024 * 1024)}\"");
        Add("body-over-3MiB", "POST", ConfigMaps, huge, Json, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
        Add("body-over-3MiB-chunked", "POST", ConfigMaps, huge, Json, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", chunked: true);

        // Path traversal in a service proxy path: the escaped ../ stays inside the proxied path, it never reaches
        // the API; the service has no endpoints (k/k pkg/registry/core/service/storage ResourceLocation).
        Add("service-proxy-path-traversal", "GET", "/api/v1/namespaces/{ns}/services/web:80/proxy/..%2f..%2f..%2f..%2fapi%2fv1%2fsecrets", null, null,
            503, "ServiceUnavailable", "no endpoints available for service \"web:80\"");
        return cases;
    }
}
