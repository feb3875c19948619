using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Kernel.Http;
using Ent.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task The_committed_typescript_client_is_what_nswag_generates_from_the_committed_document()
    {
        // NSwag run as `build.ps1 openapi` runs it (openapi/nswag.json), on the committed document, into a temporary file.
        var racine = Http.RepositoryRoot();
        var dossier = Directory.CreateTempSubdirectory("ent-client-");
        try
        {
            var configuration = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(racine, "openapi", "nswag.json")))!;
            configuration["documentGenerator"]!["fromDocument"]!["url"] = Path.Combine(racine, "openapi", "ent.json");
            var genere = Path.Combine(dossier.FullName, "ent-client.ts");
            configuration["codeGenerators"]!["openApiToTypeScriptClient"]!["output"] = genere;
            var nswagJson = Path.Combine(dossier.FullName, "nswag.json");
            await File.WriteAllTextAsync(nswagJson, configuration.ToJsonString());

            var (code, sortie) = await NSwagAsync(nswagJson);
            Assert.True(code == 0, $"NSwag a échoué ({code}) :\n{sortie}");

            var attendu = await File.ReadAllLinesAsync(genere);
            var commis = await File.ReadAllLinesAsync(Path.Combine(racine, "client-app", "src", "api", "ent-client.ts"));
            var difference = Enumerable.Range(0, Math.Max(attendu.Length, commis.Length))
                .FirstOrDefault(i => i >= attendu.Length || i >= commis.Length || attendu[i] != commis[i], -1);
            Assert.True(difference < 0, difference < 0 ? null :
                $"client-app/src/api/ent-client.ts differs from what NSwag generates, from line {difference + 1}:\n" +
                $"  committed: {Ligne(commis, difference)}\n  generated: {Ligne(attendu, difference)}\n" +
                "Run `dotnet pwsh ./build.ps1 openapi` and commit the result.");
        }
        finally
        {
            dossier.Delete(recursive: true);
        }
    }

    private static string Ligne(string[] lignes, int index) => index < lignes.Length ? string.Join(" ⏎ ", lignes.Skip(index).Take(3)) : "(fin du fichier)";

    private static async Task<(int Code, string Sortie)> NSwagAsync(string configuration)
    {
        var dossier = typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NSwagDir").Value!;
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(dossier, "dotnet-nswag.dll"), "run", configuration },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var processus = System.Diagnostics.Process.Start(info)!;
        var sortie = processus.StandardOutput.ReadToEndAsync();
        var erreurs = processus.StandardError.ReadToEndAsync();
        await processus.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (processus.ExitCode, await sortie + await erreurs);
    }

    [Fact]
    public async Task The_document_declares_the_oauth2_flows_and_each_operation_requires_the_scope_its_endpoint_demands()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var oauth2 = document["components"]!["securitySchemes"]!["oauth2"]!;
        Assert.Equal("oauth2", (string?)oauth2["type"]);
        var code = oauth2["flows"]!["authorizationCode"]!;
        Assert.Equal("/connect/authorize", (string?)code["authorizationUrl"]);
        Assert.Equal("/connect/token", (string?)code["tokenUrl"]);
        foreach (var portee in new[] { "openid", "offline_access", "identite.read", "identite.write", "scolarite.read", "ressources.write" })
        {
            Assert.NotNull(code["scopes"]![portee]);
        }

        Assert.NotNull(oauth2["flows"]!["clientCredentials"]!["scopes"]!["viescolaire.read"]);

        // What the host really decides, endpoint by endpoint: the scope of its module's policy, or public.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).ToList();
        Assert.True(operations.Count > 50);
        var publiques = 0;
        foreach (var (methode, operation) in operations)
        {
            var id = (string)operation!["operationId"]!;
            var endpoint = endpoints[id];
            var exigences = operation["security"]?.AsArray();
            Assert.True(exigences is { Count: 1 }, $"{id} declares no security requirement.");
            var exigence = exigences[0]!.AsObject();
            if (endpoint.Metadata.GetMetadata<SecretPartage>() is not null)
            {
                Assert.NotNull(exigence["secretPasserelle"]);
            }
            else if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.True(exigence.Count == 0, $"{id} is public but declares {exigence.ToJsonString()}.");
                publiques++;
            }
            else
            {
                var module = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<PorteeApi>().Single().Module;
                var portees = exigence["oauth2"]?.AsArray().Select(n => (string)n!).ToArray() ?? [];
                Assert.Equal([PorteeApi.Requise(module, methode.ToUpperInvariant())], portees);
                Assert.NotNull(operation["responses"]!["401"]);
                Assert.NotNull(operation["responses"]!["403"]);
            }
        }

        Assert.InRange(publiques, 5, 15);
    }

    [Theory]
    [InlineData("ChangerMotDePasse")]
    [InlineData("DemanderChangementContact")]
    [InlineData("ConfirmerDoubleAuthentification")]
    public async Task Limited_operations_declare_their_429(string operationId)
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var operation = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Single(o => (string?)o.Value!["operationId"] == operationId);
        Assert.Equal("application/problem+json", operation.Value!["responses"]!["429"]!["content"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Every_string_of_the_document_and_every_list_of_a_request_has_a_maximum_and_every_integer_its_bounds()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var sansLimite = new List<string>();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var schemasDeRequete = new HashSet<string>();
        void Requetes(JsonNode? node)
        {
            if (node is JsonArray a)
            {
                foreach (var n in a)
                {
                    Requetes(n);
                }
            }
            else if (node is JsonObject o)
            {
                if ((string?)(o["$ref"] as JsonValue) is { } reference && schemasDeRequete.Add(reference.Split('/')[^1]))
                {
                    Requetes(schemas[reference.Split('/')[^1]]);
                }

                foreach (var (_, v) in o)
                {
                    Requetes(v);
                }
            }
        }

        foreach (var operation in document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()))
        {
            Requetes(operation.Value!["requestBody"]);
        }

        Assert.Contains("SaisieNotes", schemasDeRequete);

        void Parcourir(JsonNode? node, string chemin)
        {
            if (node is JsonArray tableau)
            {
                for (var i = 0; i < tableau.Count; i++)
                {
                    Parcourir(tableau[i], $"{chemin}/{i}");
                }
            }

            if (node is not JsonObject objet)
            {
                return;
            }

            var type = (objet["type"] as JsonValue)?.ToString();
            var requete = chemin.Contains("/requestBody/", StringComparison.Ordinal) || chemin.Contains("/parameters/", StringComparison.Ordinal)
                || schemasDeRequete.Any(n => chemin.StartsWith($"#/components/schemas/{n}/", StringComparison.Ordinal));
            if ((type == "string" && objet["maxLength"] is null && objet["enum"] is null)
                || (type == "array" && objet["maxItems"] is null && requete)
                || (type == "integer" && (objet["minimum"] is null || objet["maximum"] is null)))
            {
                sansLimite.Add(chemin);
            }

            foreach (var (cle, valeur) in objet)
            {
                Parcourir(valeur, $"{chemin}/{cle}");
            }
        }

        Parcourir(document, "#");
        Assert.Empty(sansLimite);
    }

    [Fact]
    public async Task A_request_string_beyond_its_limit_is_a_french_400_before_the_endpoint_runs()
    {
        // Before the limits, a 10,000-character « current password » was hashed and compared like any other.
        var reponse = await app.ClientConnecte("cpe").PutAsJsonAsync("/api/identite/me/mot-de-passe",
            new { actuel = new string('a', 10_000), nouveau = "Nouveau-mot-de-passe-2026" });

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal(Problemes.TypeValidation, (string?)probleme["type"]);
        Assert.Equal("Ce texte dépasse 256 caractères.", (string?)probleme["errors"]!["actuel"]![0]);
    }

    [Fact]
    public async Task A_request_list_beyond_its_limit_is_a_french_400()
    {
        var ids = Enumerable.Range(0, Limites.ListeParDefaut + 1).Select(_ => Guid.NewGuid()).ToArray();

        var reponse = await app.ClientConnecte("cpe").PostAsJsonAsync("/api/communication/me/notifications/lues", new { ids });

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal($"Cette liste dépasse {Limites.ListeParDefaut} éléments.", (string?)probleme["errors"]!["ids"]![0]);
    }

    [Fact]
    public async Task A_request_integer_outside_its_range_is_a_french_400_naming_the_field()
    {
        var reponse = await app.CreateClient().PostAsJsonAsync("/api/identite/etablissements/recherche", new { texte = "lycée", limite = 51 });

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.NotNull(probleme["errors"]!["limite"]);
    }
}
