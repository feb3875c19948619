using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.VieScolaire.Sorties;
using Npgsql;

namespace Ent.VieScolaire.Demo;

/// <summary>
/// The demo lycée's exits: every pupil's regime for the year (mostly demi-pensionnaires, one in five externe, a few
/// internes), standing authorisations signed by a guardian for every other pupil (eleve.001's with a change of mind in
/// its history), and one pending one-off request for today by parent.001 for eleve.001. Deterministic by pupil number;
/// written once (skipped when the établissement's regimes exist).
/// </summary>
internal sealed class SortiesDemo(IAnnuaire annuaire, Horaires horaires, TimeProvider clock) : IDemoData
{
    public int Order => 13;

    private const int Eleves = 120;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var aujourdhui = horaires.Aujourdhui;
        var annee = Horaires.AnneeScolaire(aujourdhui);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM viescolaire.regime_eleve WHERE etablissement_id = @id AND annee_scolaire = @annee)",
                new { id = etablissement.Id, annee }, cancellationToken: ct)))
        {
            return;
        }

        var inscrits = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct)).Select(p => p.Id).ToHashSet();
        var eleves = Enumerable.Range(1, Eleves)
            .Select(i => (Numero: i, Id: DemoIds.Of("compte", $"eleve.{i:D3}")))
            .Where(e => inscrits.Contains(e.Id))
            .ToList();
        if (eleves.Count == 0)
        {
            return;
        }

        var responsables = (await annuaire.ListerResponsablesLegauxAsync(eleves.Select(e => e.Id).ToArray(), ct))
            .GroupBy(r => r.EleveId)
            .ToDictionary(g => g.Key, g => g.Select(r => r.ResponsableId).Order().ToList());
        var cpe = DemoIds.Of("compte", "cpe");
        var maintenant = clock.GetUtcNow();
        var (debutAnnee, _) = Horaires.Bornes(annee);
        var rentree = new DateTimeOffset(debutAnnee.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
        DateTimeOffset IlYA(int jours) => maintenant.AddDays(-jours) < rentree ? rentree : maintenant.AddDays(-jours);

        await using var tx = await conn.BeginTransactionAsync(ct);
        var regimes = eleves.Select(e => new
        {
            EleveId = e.Id,
            Regime = e.Numero % 20 == 7 ? Regimes.Interne : e.Numero % 5 == 2 ? Regimes.Externe : Regimes.DemiPensionnaire,
        }).ToList();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO viescolaire.regime_eleve (eleve_id, annee_scolaire, etablissement_id, regime, modifie_par, modifie_le)
            VALUES (@EleveId, @annee, @etablissementId, @Regime, @cpe, @le);
            INSERT INTO viescolaire.regime_historique (eleve_id, annee_scolaire, regime_avant, regime, par, le)
            VALUES (@EleveId, @annee, NULL, @Regime, @cpe, @le);
            """, regimes.Select(r => new { r.EleveId, annee, etablissementId = etablissement.Id, r.Regime, cpe, le = IlYA(30) }), tx,
            cancellationToken: ct));

        // Every other pupil's family signed, the first guardian; some authorisations are refused.
        var signatures = eleves
            .Where(e => e.Numero % 2 == 1 && responsables.ContainsKey(e.Id))
            .SelectMany(e => new[]
            {
                (e.Id, Type: TypesAutorisation.AbsenceProfesseurFinJournee, Accordee: true),
                (e.Id, Type: TypesAutorisation.HeuresLibres, Accordee: e.Numero % 3 != 0),
                (e.Id, Type: TypesAutorisation.PauseMeridienne, Accordee: e.Numero % 4 != 3),
            }.Select(s => new { EleveId = s.Id, s.Type, s.Accordee, SigneePar = responsables[e.Id][0], SigneeLe = IlYA(20 + (e.Numero % 10)) }))
            .ToList();
        // eleve.001's family first refused the free periods, then changed its mind: both signatures stay, the latest wins.
        var premier = eleves[0];
        if (premier.Numero == 1 && responsables.TryGetValue(premier.Id, out var parents001))
        {
            signatures.Insert(0, new { EleveId = premier.Id, Type = TypesAutorisation.HeuresLibres, Accordee = false, SigneePar = parents001[0], SigneeLe = IlYA(28) });
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO viescolaire.autorisation_sortie (eleve_id, annee_scolaire, type, accordee, signee_par, signee_le)
            VALUES (@EleveId, @annee, @Type, @Accordee, @SigneePar, @SigneeLe)
            """, signatures.Select(s => new { s.EleveId, annee, s.Type, s.Accordee, s.SigneePar, s.SigneeLe }), tx, cancellationToken: ct));

        // parent.001 asks, today, for eleve.001 to leave at 15:30 for an appointment: pending at the desk.
        var parent = DemoIds.Of("compte", "parent.001");
        if (premier.Numero == 1 && responsables.TryGetValue(premier.Id, out var legaux) && legaux.Contains(parent))
        {
            var personnes = (await annuaire.TrouverPersonnesAsync([parent, premier.Id], ct)).ToDictionary(p => p.Id);
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO viescolaire.demande_sortie (id, etablissement_id, eleve_id, date, heure_sortie, motif, signee_par, signee_le, attestation)
                VALUES (@id, @etablissementId, @eleveId, @date, '15:30', @motif, @parent, @le, @attestation)
                """, new
            {
                id = Guid.CreateVersion7(),
                etablissementId = etablissement.Id,
                eleveId = premier.Id,
                date = aujourdhui,
                motif = "Rendez-vous chez l'orthodontiste à 16 h. Je serai à l'accueil à 15 h 30.",
                parent,
                le = maintenant.AddMinutes(-30),
                attestation = CreerDemandeSortieEndpoint.Attestation(personnes.GetValueOrDefault(parent), personnes.GetValueOrDefault(premier.Id),
                    aujourdhui, "15:30", null),
            }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }
}
