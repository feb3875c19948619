using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Ent.Bench;

/// <summary>
/// Issue #16: publishing one announcement to a whole lycée's families (about 1,200 pupils, 2,000 guardians) with read
/// acknowledgement, timed from the head's POST to its 201, every notification queued in the same transaction (counted in
/// the outbox afterwards). One publication per lycée, the first lycées by UAI. Then the guardians addressed are the
/// readers of scenario i (their announcements list).
/// </summary>
internal static class Annonces
{
    private static readonly string[] Familles = ["familles"];

    public sealed record Publication(string Uai, double Millisecondes, int Destinataires, int Familles, long Messages);

    public static async Task<List<Publication>> PublierAsync(string url, NpgsqlDataSource db, int lycees)
    {
        await using var conn = await db.OpenConnectionAsync();
        var tetes = (await conn.QueryAsync<(string Uai, string Identifiant)>("""
            SELECT DISTINCT ON (e.uai) e.uai, c.identifiant
            FROM identite.etablissement e
            JOIN identite.rattachement r ON r.etablissement_id = e.id AND r.profil = 'personnel' AND r.fonction = 'direction'
            JOIN identite.compte c ON c.personne_id = r.personne_id
            ORDER BY e.uai, c.identifiant
            LIMIT @lycees
            """, new { lycees })).AsList();

        var publications = new List<Publication>();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        foreach (var (uai, identifiant) in tetes)
        {
            var jetons = await Connexion.ConnecterAsync(url, identifiant, "bench-ent-2026");
            using var requete = new HttpRequestMessage(HttpMethod.Post, $"/api/communication/etablissements/{uai}/annonces")
            {
                Content = JsonContent.Create(new
                {
                    titre = $"Réunion d'information — {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}",
                    texte = "Les familles sont invitées à la réunion d'information de l'établissement. Merci de confirmer votre lecture.",
                    audience = new { etablissement = true, profils = Familles },
                    accuseLecture = true,
                }),
            };
            requete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jetons.Acces);
            var chrono = Stopwatch.StartNew();
            using var reponse = await http.SendAsync(requete);
            chrono.Stop();
            if (!reponse.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Publication à {uai} : {(int)reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
            }

            var corps = await reponse.Content.ReadFromJsonAsync<JsonElement>();
            var id = corps.GetProperty("id").GetGuid();
            var messages = await conn.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence LIKE 'annonce:' || @id || ':%'", new { id = id.ToString() });
            publications.Add(new Publication(uai, chrono.Elapsed.TotalMilliseconds, corps.GetProperty("destinataires").GetInt32(),
                corps.GetProperty("familles").GetInt32(), messages));
            Console.WriteLine($"  {uai} : {chrono.Elapsed.TotalMilliseconds:0} ms, {publications[^1].Destinataires} destinataires, " +
                $"{publications[^1].Familles} familles, {messages} messages en file");
        }

        return publications;
    }

    /// <summary>Guardians the announcements address, who log in for scenario i (the same ones each run: ordered by a hash).</summary>
    public static async Task<List<(string Identifiant, Guid PersonneId)>> LecteursAsync(NpgsqlDataSource db, int n)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, Guid)>("""
            SELECT DISTINCT ON (md5(c.identifiant)) c.identifiant, d.personne_id
            FROM communication.annonce_destinataire d JOIN identite.compte c ON c.personne_id = d.personne_id
            WHERE d.profil = 'responsable'
            ORDER BY md5(c.identifiant)
            LIMIT @n
            """, new { n })).AsList();
    }

    public static string Texte(List<Publication> publications)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Announcement to a whole lycée's families with read acknowledgement (j), {publications.Count} lycée(s), one POST each, from the request to its 201 (audience expanded, announcement, recipients, families and every notification written in one transaction):");
        md.AppendLine();
        md.AppendLine("| Lycée | ms | Recipients | Families | Messages queued |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var p in publications)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Uai} | {p.Millisecondes:0} | {p.Destinataires} | {p.Familles} | {p.Messages} |");
        }

        if (publications.Count > 0)
        {
            var tries = publications.Select(p => p.Millisecondes).Order().ToList();
            md.AppendLine();
            var toutes = publications.All(p => p.Messages >= p.Destinataires) ? "yes" : "NO";
            md.AppendLine(CultureInfo.InvariantCulture, $"Median {tries[tries.Count / 2]:0} ms, max {tries[^1]:0} ms (goal ≤ 2,000 ms); every recipient's in-app notification queued: {toutes}.");
        }

        return md.ToString();
    }
}
