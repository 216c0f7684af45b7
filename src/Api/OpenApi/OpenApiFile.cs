using Emulator.Api.Http;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// The checked-in root <c>openapi.yaml</c> (for Postman and people): the <see cref="ReferenceDocument"/>, every
/// group-version the server serves with an operation per kind and verb. A test fails when the file is stale.
/// </summary>
public static class OpenApiFile
{
    public const string FileName = "openapi.yaml";

    public static string Render(ResourceCatalog catalog) => YamlJson.Serialize(ReferenceDocument.Build(catalog));
}
