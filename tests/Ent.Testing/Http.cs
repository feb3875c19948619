using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ent.Testing;

/// <summary>Small helpers for reading the API's answers.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty JSON body.");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException("Empty JSON body.");

    public static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>The repository's root (the folder holding Ent.sln), found from the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ent.sln not found above " + AppContext.BaseDirectory);
    }
}
