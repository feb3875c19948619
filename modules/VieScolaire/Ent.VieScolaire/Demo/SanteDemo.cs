using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.VieScolaire.Sante;
using Npgsql;

namespace Ent.VieScolaire.Demo;

/// <summary>
/// The demo lycée's school health: eleve.001 (parent.001's child) has a PAI for a peanut allergy, with its emergency
/// instructions, and two infirmary visits this school year (one back to class, one sent home, the family told). Written
/// once, encrypted with this instance's health key like any record (skipped when eleve.001's PAI exists).
/// </summary>
internal sealed class SanteDemo(IAnnuaire annuaire, CleSante cle, Horaires horaires) : IDemoData
{
    public int Order => 14;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var eleve = DemoIds.Of("compte", "eleve.001");
        var infirmerie = DemoIds.Of("compte", "infirmerie");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM viescolaire.pai WHERE eleve_id = @eleve)",
                new { eleve }, cancellationToken: ct))
            || !(await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct)).Any(p => p.Id == eleve))
        {
            return;
        }

        var maintenant = horaires.Maintenant;
        var rentree = horaires.Instant(Horaires.DebutAnnee(horaires.Aujourdhui), new TimeOnly(10, 0));
        DateTimeOffset IlYA(int jours, int heure) =>
            maintenant.AddDays(-jours) < rentree ? rentree.AddHours(heure - 10) : horaires.Instant(horaires.Jour(maintenant.AddDays(-jours)), new TimeOnly(heure, 10));

        var pai = new ContenuPai(
            Allergies: "Arachide (cacahuète) et fruits à coque : allergie sévère.",
            Traitements: "Stylo d'adrénaline (Anapen 300) et antihistaminique : trousse d'urgence à l'infirmerie, une seconde dans le sac de l'élève.",
            ConduiteATenir: "Pas d'aliment apporté par d'autres élèves ; repas de la cantine vérifiés (panier repas autorisé).",
            ConsignesUrgence: "Gonflement des lèvres, gêne respiratoire, urticaire généralisée : injecter le stylo d'adrénaline dans la cuisse, appeler le 15, prévenir l'infirmerie et la famille. Ne jamais laisser l'élève seul.");
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO viescolaire.pai (eleve_id, etablissement_id, donnees, empreinte_cle, modifie_par, modifie_le)
            VALUES (@eleve, @etablissement, @donnees, @empreinte, @infirmerie, @le)
            """, new { eleve, etablissement = etablissement.Id, donnees = cle.Chiffrer(pai, eleve), empreinte = cle.Empreinte, infirmerie, le = rentree },
            tx, cancellationToken: ct));
        var passages = new[]
        {
            (Cle: "passage-1", Arrivee: IlYA(40, 10), Contenu: new ContenuPassage("douleur", "retour_classe", "Repos allongé 20 minutes, eau.", null), Prevenue: false),
            (Cle: "passage-2", Arrivee: IlYA(9, 14), Contenu: new ContenuPassage("malaise", "retour_domicile", "Température 38,6 °C. Famille appelée : la mère est venue chercher l'élève à 15 h.", null), Prevenue: true),
        };
        foreach (var p in passages)
        {
            var id = DemoIds.Of("passage-infirmerie", $"eleve.001:{p.Cle}");
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO viescolaire.passage_infirmerie (id, etablissement_id, eleve_id, arrivee, depart, donnees, empreinte_cle, famille_prevenue, saisi_par, saisi_le)
                VALUES (@id, @etablissement, @eleve, @arrivee, @depart, @donnees, @empreinte, @prevenue, @infirmerie, @depart)
                ON CONFLICT (id) DO NOTHING
                """, new
            {
                id, etablissement = etablissement.Id, eleve, arrivee = p.Arrivee, depart = p.Arrivee.AddMinutes(40), donnees = cle.Chiffrer(p.Contenu, id),
                empreinte = cle.Empreinte, prevenue = p.Prevenue, infirmerie,
            }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }
}
