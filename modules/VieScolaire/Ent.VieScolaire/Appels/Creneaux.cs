using Dapper;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>The weekly timetable's slots of a day, read for the teacher's day and the roll calls not taken.</summary>
internal static class Creneaux
{
    /// <summary>A timetabled lesson on a given day, and whether its roll call was taken.</summary>
    internal sealed record CreneauDuJour(Guid ServiceId, TimeOnly Debut, TimeOnly Fin, string? Salle, bool AppelFait);

    private const string Sql = """
        SELECT c.service_id, c.debut, c.fin, c.salle,
               EXISTS (SELECT 1 FROM viescolaire.appel a
                       WHERE a.service_id = c.service_id AND a.debut = (@jour + c.debut) AT TIME ZONE @fuseau) AS appel_fait
        FROM viescolaire.creneau c
        WHERE c.jour = @isoJour AND (c.service_id = ANY(@services) OR c.etablissement_id = @etablissementId)
        ORDER BY c.debut, c.service_id
        """;

    /// <summary>The slots of the given services (a teacher's) or of an établissement, on a date.</summary>
    public static async Task<IReadOnlyList<CreneauDuJour>> DuJourAsync(NpgsqlConnection conn, DateOnly jour, Guid[] services, Guid? etablissementId,
        Horaires horaires, CancellationToken ct)
    {
        var isoJour = jour.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)jour.DayOfWeek;
        return (await conn.QueryAsync<CreneauDuJour>(new CommandDefinition(Sql, new
        {
            jour = jour.ToDateTime(TimeOnly.MinValue), fuseau = horaires.Fuseau.Id, isoJour, services, etablissementId,
        }, cancellationToken: ct))).AsList();
    }
}
