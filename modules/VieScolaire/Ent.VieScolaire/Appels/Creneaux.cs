using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// The lessons of a day for the roll call: the timetable is Scolarité's (read through <see cref="IEmploiDuTemps"/>, changes
/// applied: a moved lesson at its new time, a replaced one with its replacing teacher); only whether each roll call was
/// taken is VieScolaire's own (viescolaire.appel, keyed by service and start instant).
/// </summary>
internal static class Creneaux
{
    /// <summary>A lesson of the day, and whether its roll call was taken.</summary>
    internal sealed record CoursDuJour(CoursPlanifie Cours, bool AppelFait)
    {
        public Guid ServiceId => Cours.ServiceId;

        public DateTimeOffset Debut => Cours.Debut;

        public DateTimeOffset Fin => Cours.Fin;

        public string? Salle => Cours.Salle;

        /// <summary>A cancelled lesson has no roll call to take: it never counts as a missed one.</summary>
        public bool Annule => Cours.Statut == StatutCours.Annule;
    }

    private const string AppelsSql = """
        SELECT service_id, debut FROM viescolaire.appel
        WHERE service_id = ANY(@services) AND debut >= @depuis AND debut < @jusqua
        """;

    /// <summary>A teacher's lessons of a day: those of their services (replaced ones marked) and those they replace.</summary>
    public static async Task<IReadOnlyList<CoursDuJour>> DeLEnseignantAsync(IEmploiDuTemps edt, NpgsqlConnection conn, Guid enseignantId, DateOnly jour,
        Horaires horaires, CancellationToken ct) =>
        await AvecAppelsAsync(conn, await edt.DeLEnseignantAsync(enseignantId, jour, jour, ct), jour, horaires, ct);

    /// <summary>Every lesson of an établissement on a day.</summary>
    public static async Task<IReadOnlyList<CoursDuJour>> DeLEtablissementAsync(IEmploiDuTemps edt, NpgsqlConnection conn, Guid etablissementId,
        DateOnly jour, Horaires horaires, CancellationToken ct) =>
        await AvecAppelsAsync(conn, await edt.DeLEtablissementAsync(etablissementId, jour, jour, ct), jour, horaires, ct);

    /// <summary>The lessons of a service on a day.</summary>
    public static async Task<IReadOnlyList<CoursDuJour>> DuServiceAsync(IEmploiDuTemps edt, NpgsqlConnection conn, Guid serviceId, DateOnly jour,
        Horaires horaires, CancellationToken ct) =>
        await AvecAppelsAsync(conn, await edt.DesServicesAsync([serviceId], jour, jour, ct), jour, horaires, ct);

    /// <summary>The lessons of an établissement that have started by now, are not cancelled and whose roll call was not taken.</summary>
    public static IEnumerable<CoursDuJour> NonFaits(IEnumerable<CoursDuJour> cours, Horaires horaires) =>
        cours.Where(c => !c.Annule && !c.AppelFait && c.Debut <= horaires.Maintenant);

    private static async Task<IReadOnlyList<CoursDuJour>> AvecAppelsAsync(NpgsqlConnection conn, IReadOnlyList<CoursPlanifie> cours, DateOnly jour,
        Horaires horaires, CancellationToken ct)
    {
        if (cours.Count == 0)
        {
            return [];
        }

        var faits = (await conn.QueryAsync<(Guid ServiceId, DateTimeOffset Debut)>(new CommandDefinition(AppelsSql, new
        {
            services = cours.Select(c => c.ServiceId).Distinct().ToArray(),
            depuis = horaires.Instant(jour, TimeOnly.MinValue), jusqua = horaires.Instant(jour.AddDays(1), TimeOnly.MinValue),
        }, cancellationToken: ct))).ToHashSet();
        return [.. cours.Select(c => new CoursDuJour(c, faits.Contains((c.ServiceId, c.Debut))))];
    }
}
