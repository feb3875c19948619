using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>openapi/ent.json is generated, never hand-written: the committed file must be what the host serves.</summary>
public sealed class OpenApiDocumentTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public async Task The_committed_document_is_what_the_host_produces()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Http.RepositoryRoot(), "openapi", "ent.json")));
        var served = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.True(JsonNode.DeepEquals(committed, served),
            "openapi/ent.json differs from the host's document: run `dotnet pwsh ./build.ps1 openapi` and commit the result.");
    }

    [Fact]
    public async Task The_generated_typescript_client_has_a_method_for_every_operation()
    {
        var client = await File.ReadAllTextAsync(Path.Combine(Http.RepositoryRoot(), "client-app", "src", "api", "ent-client.ts"));
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        foreach (var operation in document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()))
        {
            var id = (string)operation.Value!["operationId"]!;
            var method = char.ToLowerInvariant(id[0]) + id[1..];
            Assert.True(client.Contains($"    {method}(", StringComparison.Ordinal),
                $"client-app/src/api/ent-client.ts has no method {method}: run `dotnet pwsh ./build.ps1 openapi`.");
        }
    }
}
