using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// Reads the school calendar: a person's own events (what their regards show) for the calendar's page and, through
/// <see cref="ICalendrierEtablissement"/>, for Scolarité's iCal feed; an établissement's whole calendar for its staff.
/// </summary>
internal sealed class Calendrier(NpgsqlDataSource db, Regards regards, IAnnuaire annuaire, IDivisions divisions) : ICalendrierEtablissement
{
    /// <summary>The widest span one read covers.</summary>
    public const int JoursMax = 400;

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Today in Paris, whatever the server's zone.</summary>
    public static DateOnly Aujourdhui(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime);

    /// <summary>The days a list covers: from <paramref name="du"/> (today) to <paramref name="au"/> (three months later), at most <see cref="JoursMax"/>.</summary>
    public static (DateOnly Du, DateOnly Au, Ent.Kernel.Http.Erreurs Erreurs) Periode(DateOnly? du, DateOnly? au, TimeProvider clock)
    {
        var debut = du ?? Aujourdhui(clock);
        var fin = au ?? debut.AddDays(92);
        var erreurs = new Ent.Kernel.Http.Erreurs();
        erreurs.Require(fin >= debut, "au", "La fin de la période ne peut précéder son début.");
        erreurs.Require(fin.DayNumber - debut.DayNumber <= JoursMax, "au", $"Une période compte {JoursMax} jours au plus.");
        return (debut, fin, erreurs);
    }

    private static readonly string EvenementsSql = $"""
        SELECT {LigneEvenement.Colonnes} FROM communication.evenement
        WHERE etablissement_id = ANY(@etablissements) AND jour_fin >= @du AND jour_debut <= @au
        ORDER BY jour_debut, heure_debut NULLS FIRST, titre, id
        """;

    private static readonly string EvenementSql = $"SELECT {LigneEvenement.Colonnes} FROM communication.evenement WHERE id = @id";

    public static async Task<List<LigneEvenement>> ChargerAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> etablissements, DateOnly du, DateOnly au,
        CancellationToken ct) =>
        etablissements.Count == 0 ? [] : (await conn.QueryAsync<LigneEvenement>(new CommandDefinition(EvenementsSql,
            new { etablissements = etablissements.ToArray(), du, au }, cancellationToken: ct))).AsList();

    /// <summary>One event; <paramref name="pourModifier"/> locks its row until the transaction ends (two changes never interleave).</summary>
    public static async Task<LigneEvenement?> TrouverAsync(NpgsqlConnection conn, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null,
        bool pourModifier = false) =>
        await conn.QuerySingleOrDefaultAsync<LigneEvenement>(new CommandDefinition(pourModifier ? EvenementSql + " FOR UPDATE" : EvenementSql,
            new { id }, tx, cancellationToken: ct));

    /// <summary>The person's events between two days, each with the children it concerns and whether they may change it.</summary>
    public async Task<List<(LigneEvenement Evenement, string[] Pour, bool Modifiable)>> DeLaPersonneAsync(Guid personneId, DateOnly du, DateOnly au,
        IReadOnlyList<Regard> siens, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await ChargerAsync(conn, [.. siens.Select(r => r.EtablissementId).Distinct()], du, au, ct);
        return [.. lignes.Where(e => siens.Any(r => Regards.Voit(r, e, personneId)))
            .Select(e => (e, Regards.Pour(siens, e, personneId), Regards.PeutModifier(siens, e, personneId)))];
    }

    public async Task<IReadOnlyList<EvenementVisible>> VisiblesAsync(Guid personneId, DateOnly du, DateOnly au, CancellationToken ct)
    {
        var siens = await regards.DeAsync(personneId, ct);
        return [.. (await DeLaPersonneAsync(personneId, du, au, siens, ct)).Select(v => new EvenementVisible(
            v.Evenement.Id, v.Evenement.EtablissementId, v.Evenement.Categorie, v.Evenement.Titre, v.Evenement.Description, v.Evenement.Lieu,
            v.Evenement.JourDebut, v.Evenement.JourFin, v.Evenement.HeureDebut, v.Evenement.HeureFin, v.Evenement.Sequence, v.Evenement.ModifieLe,
            v.Pour))];
    }

    /// <summary>The API's view of events: each établissement's UAI and the names of the classes and groups targeted.</summary>
    public async Task<EvenementAgenda[]> DecrireAsync(IEnumerable<(LigneEvenement Evenement, string[] Pour, bool Modifiable)> evenements, CancellationToken ct)
    {
        var liste = evenements.ToList();
        var etablissements = new Dictionary<Guid, (string Uai, Dictionary<Guid, DivisionInfo> Divisions)>();
        foreach (var id in liste.Select(v => v.Evenement.EtablissementId).Distinct())
        {
            var etablissement = await annuaire.TrouverEtablissementAsync(id, ct);
            etablissements[id] = (etablissement?.Uai ?? string.Empty,
                liste.Any(v => v.Evenement.EtablissementId == id && v.Evenement.Divisions.Length > 0)
                    ? (await divisions.DeLEtablissementAsync(id, ct)).ToDictionary(d => d.Id)
                    : new Dictionary<Guid, DivisionInfo>());
        }

        ILookup<Guid, PieceJointeEvenement> pieces;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            pieces = await StockagePiecesJointesAgenda.DesEvenementsAsync(conn, [.. liste.Select(v => v.Evenement.Id)], ct);
        }

        return [.. liste.Select(v => EvenementAgenda.De(v.Evenement, etablissements[v.Evenement.EtablissementId].Uai,
            etablissements[v.Evenement.EtablissementId].Divisions, v.Pour, v.Modifiable, [.. pieces[v.Evenement.Id]]))];
    }
}
