using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// The demo lycée's parents' election of this school year (issue 17), in the second week of October as the national
/// calendar has it, dated from the clock so that it makes sense any day: before it, upcoming with its three lists; during
/// it, open; after it, closed, counted (online votes of about two electors in five and the desk's postal votes) and
/// published. Written once: a restart adds nothing.
/// </summary>
internal sealed class ElectionsDemo(IAnnuaire annuaire, Scrutins scrutins, TimeProvider clock) : IDemoData
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public int Order => 33;

    /// <summary>Monday of the second week of October of the school year that contains the day (school years start 1 September).</summary>
    internal static (DateTimeOffset Ouverture, DateTimeOffset Cloture) Fenetre(DateTimeOffset maintenant)
    {
        var jour = TimeZoneInfo.ConvertTime(maintenant, Paris).Date;
        var annee = jour.Month >= 9 ? jour.Year : jour.Year - 1;
        var lundi = new DateTime(annee, 10, 5);
        while (lundi.DayOfWeek != DayOfWeek.Monday)
        {
            lundi = lundi.AddDays(1);
        }

        DateTimeOffset AParis(DateTime local) => new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
        return (AParis(lundi.AddHours(8)), AParis(lundi.AddDays(4).AddHours(18)));
    }

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var maintenant = clock.GetUtcNow();
        var (ouverture, cloture) = Fenetre(maintenant);
        var id = DemoIds.Of("election", $"ca-{ouverture.Year}");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM communication.election WHERE id = @id)", new { id }, cancellationToken: ct)))
        {
            return;
        }

        (string Nom, string[] Candidats)[] listes =
        [
            ("Parents unis pour le lycée", ["Martin Claire 1978-03-14", "Bernard Karim 1975-11-02", "Petit Sophie 1981-06-30", "Durand Luc 1972-01-19",
                "Leroy Anne 1983-09-05", "Moreau Paul 1979-12-12"]),
            ("Agir ensemble", ["Simon Nadia 1980-02-25", "Laurent Marc 1976-07-08", "Michel Julie 1984-04-17", "Garcia Tomás 1974-10-21"]),
            ("Parents indépendants", ["Roux Hélène 1977-05-09", "Fournier Éric 1982-08-13"]),
        ];
        var listeIds = listes.Select((_, i) => DemoIds.Of("election-liste", $"{id}:{i}")).ToArray();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO communication.election (id, etablissement_id, titre, sieges, ouverture, cloture, correspondance, creee_par, creee_le)
            VALUES (@id, @etablissementId, @titre, 5, @ouverture, @cloture, true, @direction, @creee);
            """, new
        {
            id,
            etablissementId = etablissement.Id,
            titre = "Élection des représentants des parents au conseil d'administration",
            ouverture,
            cloture,
            direction = DemoIds.Of("compte", "direction"),
            creee = ouverture.AddDays(-30) < maintenant ? ouverture.AddDays(-30) : maintenant,
        }, tx, cancellationToken: ct));
        for (var i = 0; i < listes.Length; i++)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO communication.election_liste (id, election_id, rang, nom) VALUES (@liste, @id, @rang, @nom)",
                new { liste = listeIds[i], id, rang = i + 1, nom = listes[i].Nom }, tx, cancellationToken: ct));
            for (var j = 0; j < listes[i].Candidats.Length; j++)
            {
                var parts = listes[i].Candidats[j].Split(' ');
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO communication.election_candidat (liste_id, rang, nom, prenom, date_naissance) VALUES (@liste, @rang, @nom, @prenom, @naissance::date)
                    """, new { liste = listeIds[i], rang = j + 1, nom = parts[0], prenom = parts[1], naissance = parts[2] }, tx, cancellationToken: ct));
            }
        }

        if (maintenant >= cloture)
        {
            // Closed: the electors as of now (the demo cannot know them as of October), two in five voted online, spread
            // over the lists; the urn is written already sealed (one transaction for all: no row links anyone); the desk's
            // postal votes; published the Monday after.
            var electeurs = await scrutins.ElecteursAsync(etablissement.Id, ct);
            var votants = electeurs.Where((_, i) => i % 5 < 2).ToArray();
            var choix = votants.Select((_, i) => listeIds[(i % 10) switch { < 5 => 0, < 8 => 1, _ => 2 }]).ToArray();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO communication.election_electeur (election_id, personne_id) SELECT @id, p FROM unnest(@electeurs) AS p;
                INSERT INTO communication.election_emargement (election_id, personne_id, vote_le) SELECT @id, p, @ouverture FROM unnest(@votants) AS p;
                INSERT INTO communication.election_urne (cle, election_id, liste_id, empreinte_recu)
                SELECT c.cle, @id, c.liste_id, sha256(c.cle::text::bytea)
                FROM (SELECT gen_random_uuid() AS cle, l AS liste_id FROM unnest(@choix) AS l) c ORDER BY c.cle;
                UPDATE communication.election_liste SET voix_bureau = CASE rang WHEN 1 THEN 21 WHEN 2 THEN 14 ELSE 6 END WHERE election_id = @id;
                UPDATE communication.election SET electeurs_figes_le = ouverture, nombre_electeurs = cardinality(@electeurs), scellee_le = cloture,
                    bureau_votants = 44, bureau_blancs_nuls = 3, bureau_saisi_le = cloture, publiee_le = least(cloture + interval '3 days', @maintenant), publiee_par = creee_par
                WHERE id = @id;
                """, new { id, electeurs, votants, choix, ouverture, maintenant }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }
}
