using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>A lesson's roll call sheet: the service's pupils by name, each with their state (present when not taken yet).</summary>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="Cours">The lesson as families read it, e.g. « Mathématiques — Seconde 1 ».</param>
/// <param name="Debut">The lesson's start.</param>
/// <param name="Fin">The lesson's end.</param>
/// <param name="Fait">True once the roll call was taken.</param>
/// <param name="FaitLe">When it was first taken.</param>
/// <param name="ModifieLe">When it was last corrected.</param>
/// <param name="Modifiable">False when the caller may no longer correct it (a teacher, after the lesson's day).</param>
/// <param name="Eleves">The pupils, by name.</param>
internal sealed record FeuilleAppel(
    Guid ServiceId, string Cours, DateTimeOffset Debut, DateTimeOffset Fin, bool Fait, DateTimeOffset? FaitLe, DateTimeOffset? ModifieLe,
    bool Modifiable, IReadOnlyList<LigneAppel> Eleves);

/// <summary>A pupil in a roll call.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="Nom">Family name.</param>
/// <param name="Prenom">First name.</param>
/// <param name="Etat">present, absent, retard or exclu.</param>
/// <param name="MinutesRetard">Minutes late, for retard.</param>
/// <param name="Pai">True when the pupil has a health plan (« PAI : voir l'infirmerie »; its emergency instructions at
/// <c>GET /api/viescolaire/eleves/{eleveId}/pai</c>).</param>
internal sealed record LigneAppel(Guid EleveId, string Nom, string Prenom, string Etat, int? MinutesRetard, bool Pai = false);

internal static class FeuillesAppel
{
    /// <summary>« Mathématiques — Seconde 1 ».</summary>
    public static string Cours(ServiceInfo service) => $"{service.Matiere} — {service.Division}";

    private const string AppelSql = """
        SELECT id, fin, fait_le, modifie_le FROM viescolaire.appel WHERE service_id = @serviceId AND debut = @debut;
        SELECT e.eleve_id, e.etat, e.minutes_retard FROM viescolaire.appel_eleve e
        JOIN viescolaire.appel a ON a.id = e.appel_id WHERE a.service_id = @serviceId AND a.debut = @debut;
        """;

    public static async Task<FeuilleAppel> ChargerAsync(NpgsqlConnection conn, ServiceInfo service, DateTimeOffset debut, DateTimeOffset fin,
        bool modifiable, IServicesEnseignement services, IAnnuaire annuaire, CancellationToken ct)
    {
        (Guid Id, DateTimeOffset Fin, DateTimeOffset FaitLe, DateTimeOffset ModifieLe)? appel;
        Dictionary<Guid, (string Etat, int? Minutes)> etats;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(AppelSql, new { serviceId = service.Id, debut }, cancellationToken: ct)))
        {
            appel = await lecture.ReadSingleOrDefaultAsync<(Guid, DateTimeOffset, DateTimeOffset, DateTimeOffset)?>();
            etats = (await lecture.ReadAsync<(Guid EleveId, string Etat, int? Minutes)>()).ToDictionary(e => e.EleveId, e => (e.Etat, e.Minutes));
        }

        // The service's pupils today, plus any pupil the roll call recorded who has since left the class.
        var ids = (await services.ElevesAsync(service.Id, ct)).Union(etats.Keys).ToArray();
        var eleves = await annuaire.TrouverPersonnesAsync(ids, ct);
        var avecPai = await Sante.LectureSante.AvecPaiAsync(conn, ids, ct);
        var lignes = eleves.Select(e => etats.TryGetValue(e.Id, out var etat)
            ? new LigneAppel(e.Id, e.Nom, e.Prenom, etat.Etat, etat.Minutes, avecPai.Contains(e.Id))
            : new LigneAppel(e.Id, e.Nom, e.Prenom, "present", null, avecPai.Contains(e.Id))).ToList();
        return new FeuilleAppel(service.Id, Cours(service), debut, appel?.Fin ?? fin, appel is not null, appel?.FaitLe, appel?.ModifieLe, modifiable, lignes);
    }
}
