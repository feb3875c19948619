using System.Text;
using Dapper;
using Ent.Identite.ImportAaf;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>What the import tests share: running an import as the command line does, reading the database.</summary>
internal static class ImportAafOutils
{
    public const string Uai = "0931234L";

    static ImportAafOutils() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<ImportDetail> ImporterAsync(this EntApp app, string chemin, bool rentree = false)
    {
        var imports = app.Services.GetRequiredService<ImportsAaf>();
        var id = await imports.CreerAsync("commande", rentree, null, null, default);
        await imports.ExecuterAsync(id, chemin, default);
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await RapportImport.LireAsync(conn, id, default))!.Value.Detail;
    }

    public static async Task<T> ScalarAsync<T>(this EntApp app, string sql, object? parametres = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }

    public static async Task<List<T>> QueryAsync<T>(this EntApp app, string sql, object? parametres = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return [.. await conn.QueryAsync<T>(sql, parametres)];
    }

    public static async Task ExecuteAsync(this EntApp app, string sql, object? parametres = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }

    /// <summary>Everything an import could change, counted: equal before and after means nothing changed.</summary>
    public static Task<string> EmpreinteAsync(this EntApp app) => app.ScalarAsync<string>("""
        SELECT concat_ws(',', (SELECT count(*) FROM identite.etablissement), (SELECT count(*) FROM identite.personne),
            (SELECT count(*) FROM identite.compte), (SELECT count(*) FROM identite.rattachement), (SELECT count(*) FROM identite.lien_responsable),
            (SELECT count(*) FROM scolarite.classe), (SELECT count(*) FROM scolarite.groupe), (SELECT count(*) FROM scolarite.matiere),
            (SELECT count(*) FROM scolarite.inscription_classe), (SELECT count(*) FROM scolarite.service_enseignement))
        """);

    /// <summary>A kind's created / changed / withdrawn counts in a summary.</summary>
    public static (int, int, int) Compte(this ImportDetail detail, string sorte) =>
        detail.Import.Resume.TryGetValue(sorte, out var c) ? (c.Crees, c.Modifies, c.Desactives) : (0, 0, 0);

    /// <summary>The line of the entry (its addRequest/modifyRequest/deleteRequest) whose identifier is <paramref name="id"/>.</summary>
    public static int LigneEntree(string fichier, string id)
    {
        var lignes = File.ReadAllLines(fichier, Encoding.Latin1);
        var i = Array.FindIndex(lignes, l => l.Contains($"<id>{id}</id>", StringComparison.Ordinal));
        while (!lignes[i].Contains("Request>", StringComparison.Ordinal))
        {
            i--;
        }

        return i + 1;
    }

    /// <summary>Replaces text in one file of a copied export, in the file's own encoding.</summary>
    public static void Remplacer(string fichier, string avant, string apres)
    {
        var encodage = File.ReadLines(fichier, Encoding.Latin1).First().Contains("ISO-8859-15", StringComparison.Ordinal)
            ? Encoding.GetEncoding("ISO-8859-15") : new UTF8Encoding(false);
        var texte = File.ReadAllText(fichier, encodage);
        Assert.Contains(avant, texte, StringComparison.Ordinal);
        File.WriteAllText(fichier, texte.Replace(avant, apres, StringComparison.Ordinal), encodage);
    }

    public static string Fichier(string dossier, string type) => Directory.GetFiles(dossier, $"*_{type}_0000.xml").Single();
}
