using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Rgpd;
using Ent.Scolarite.CahierDeTextes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Scolarite.Rgpd;

/// <summary>
/// A school year's teaching record — classes and groups, enrolments, teaching services, grades, appraisals, class
/// councils, timetable and its changes, cahier de textes with its files and homework — is kept for that year and the two
/// following (a lycée's cycle, seconde to terminale: the report cards of the cycle stay readable until the bac; the
/// official record is then the national school report, LSU/LSL, and the school's archives, not Ent), then deleted at the
/// rentrée, one établissement and year per transaction, the stored files after the rows.
/// </summary>
internal sealed partial class PurgeAnneesScolarite(NpgsqlDataSource db, StockagePiecesJointes fichiers, ILogger<PurgeAnneesScolarite> log) : IPurgeRetention
{
    /// <summary>The school year of the instant and the two before it are kept.</summary>
    public const int AnneesPrecedentesGardees = 2;

    public string Nom => "scolarite.annee_scolaire";

    public string Duree => "l'année scolaire et les deux suivantes (un cycle de lycée) : effacée à la rentrée d'après (1er septembre)";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var annee = PurgeParLots.AnneeScolaire(maintenant, AnneesPrecedentesGardees);
        var total = 0;
        IReadOnlyList<(Guid Etablissement, string Annee)> anciennes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            anciennes = [.. await conn.QueryAsync<(Guid, string)>(new CommandDefinition("""
                SELECT etablissement_id, annee_scolaire FROM scolarite.classe WHERE annee_scolaire < @annee
                UNION SELECT etablissement_id, annee_scolaire FROM scolarite.groupe WHERE annee_scolaire < @annee
                UNION SELECT etablissement_id, annee_scolaire FROM scolarite.periode WHERE annee_scolaire < @annee
                ORDER BY 2, 1
                """, new { annee }, cancellationToken: ct))];
        }

        foreach (var (etablissement, ancienne) in anciennes)
        {
            total += await PurgerAnneeAsync(etablissement, ancienne, ct);
        }

        // Ticks of homework of past years (« fait », « vu ») serve the current year only.
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var debut = PurgeParLots.Rentree(maintenant, 0);
            total += await conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM scolarite.devoir_fait f USING scolarite.devoir d WHERE f.devoir_id = d.id AND d.pour_le < @debut;
                DELETE FROM scolarite.devoir_vu v USING scolarite.devoir d WHERE v.devoir_id = d.id AND d.pour_le < @debut;
                """, new { debut }, cancellationToken: ct));
        }

        return total;
    }

    private async Task<int> PurgerAnneeAsync(Guid etablissement, string annee, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var p = new { etablissement, annee };
        var fichiersSupprimes = (await conn.QueryAsync<string>(new CommandDefinition("""
            CREATE TEMP TABLE purge_service ON COMMIT DROP AS
                SELECT s.id FROM scolarite.service_enseignement s
                LEFT JOIN scolarite.classe c ON c.id = s.classe_id
                LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
                WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etablissement AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee;
            CREATE TEMP TABLE purge_classe ON COMMIT DROP AS
                SELECT id FROM scolarite.classe WHERE etablissement_id = @etablissement AND annee_scolaire = @annee;
            CREATE TEMP TABLE purge_groupe ON COMMIT DROP AS
                SELECT id FROM scolarite.groupe WHERE etablissement_id = @etablissement AND annee_scolaire = @annee;
            CREATE TEMP TABLE purge_periode ON COMMIT DROP AS
                SELECT id FROM scolarite.periode WHERE etablissement_id = @etablissement AND annee_scolaire = @annee;
            DELETE FROM scolarite.seance_piece_jointe
            WHERE seance_id IN (SELECT id FROM scolarite.seance WHERE service_id IN (SELECT id FROM purge_service))
            RETURNING nom_stockage;
            """, p, tx, cancellationToken: ct))).AsList();
        var lignes = await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM scolarite.evaluation WHERE service_id IN (SELECT id FROM purge_service) OR periode_id IN (SELECT id FROM purge_periode);
            DELETE FROM scolarite.appreciation WHERE service_id IN (SELECT id FROM purge_service) OR periode_id IN (SELECT id FROM purge_periode);
            DELETE FROM scolarite.conseil_classe WHERE classe_id IN (SELECT id FROM purge_classe) OR periode_id IN (SELECT id FROM purge_periode);
            DELETE FROM scolarite.devoir WHERE service_id IN (SELECT id FROM purge_service);
            DELETE FROM scolarite.seance WHERE service_id IN (SELECT id FROM purge_service);
            DELETE FROM scolarite.service_enseignement WHERE id IN (SELECT id FROM purge_service);
            DELETE FROM scolarite.professeur_principal WHERE classe_id IN (SELECT id FROM purge_classe);
            DELETE FROM scolarite.inscription_groupe WHERE groupe_id IN (SELECT id FROM purge_groupe);
            DELETE FROM scolarite.groupe WHERE id IN (SELECT id FROM purge_groupe);
            DELETE FROM scolarite.inscription_classe WHERE classe_id IN (SELECT id FROM purge_classe);
            DELETE FROM scolarite.classe WHERE id IN (SELECT id FROM purge_classe);
            DELETE FROM scolarite.periode WHERE id IN (SELECT id FROM purge_periode);
            """, p, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        foreach (var nom in fichiersSupprimes)
        {
            fichiers.Supprimer(nom);
        }

        LogAnnee(log, annee, etablissement, lignes + fichiersSupprimes.Count);
        return lignes + fichiersSupprimes.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Année scolaire {Annee} de l'établissement {Etablissement} effacée : {Lignes} ligne(s)")]
    private static partial void LogAnnee(ILogger logger, string annee, Guid etablissement, int lignes);
}

/// <summary>Private calendar addresses: a revoked one a year after its revocation.</summary>
internal sealed class PurgeFluxIcal(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "scolarite.flux_ical";

    public string Duree => "jusqu'à sa révocation, puis 1 an";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM scolarite.flux_ical WHERE id IN (
                SELECT id FROM scolarite.flux_ical WHERE revoque_le < @limite LIMIT 1000)
            """, new { limite = maintenant.AddYears(-1) }, ct);
}

/// <summary>A person erased: their calendar addresses go with them.</summary>
internal sealed class EffacementPersonneScolarite : IGestionnaireEvenement<PersonneEffacee>
{
    public Task TraiterAsync(PersonneEffacee evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct) =>
        connexion.ExecuteAsync(new CommandDefinition("DELETE FROM scolarite.flux_ical WHERE personne_id = @PersonneId",
            evenement, transaction, cancellationToken: ct));
}
