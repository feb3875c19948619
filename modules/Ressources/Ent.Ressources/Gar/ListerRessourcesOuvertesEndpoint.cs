using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Ressources.Gar;

/// <summary>
/// GET /api/ressources/eleves/{eleveId}/ressources-ouvertes?semaine=2026-11-30 — the digital resources a pupil opened
/// through Ent in a week (Monday to Sunday, Paris time; any day of it; this week by default): what the guardians see,
/// and the pupil themselves, nobody else (staff included), within the access rules' school-work domain; every read is in
/// the access log.
/// </summary>
internal static class ListerRessourcesOuvertesEndpoint
{
    /// <summary>One opening.</summary>
    /// <param name="IdRessource">The GAR's id of the resource.</param>
    /// <param name="NomRessource">Its title.</param>
    /// <param name="NomEditeur">Its publisher.</param>
    /// <param name="OuverteLe">When it was opened (UTC).</param>
    internal sealed record Ouverture(string IdRessource, string NomRessource, string NomEditeur, DateTimeOffset OuverteLe);

    /// <summary>A week's openings.</summary>
    /// <param name="Lundi">The week's Monday.</param>
    /// <param name="Dimanche">Its Sunday.</param>
    /// <param name="Ouvertures">The openings, latest first.</param>
    /// <param name="Conservation">How long openings are kept, in words.</param>
    internal sealed record SemaineOuvertures(DateOnly Lundi, DateOnly Dimanche, Ouverture[] Ouvertures, string Conservation);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/ressources-ouvertes", Handle)
        .WithName("ListerRessourcesOuvertes")
        .WithSummary("Les ressources numériques qu'un élève a ouvertes dans la semaine.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static async Task<Results<Ok<SemaineOuvertures>, ProblemHttpResult>> Handle(Guid eleveId, DateOnly? semaine, HttpContext http,
        ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider horloge, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        // The pupil and their legal guardians only: which textbooks a pupil opened, and when, is the family's to see, not
        // the staff's (a teacher follows the work through the homework, not through the publishers' pages).
        if (!(moi == eleveId || await regles.EstResponsableLegalAsync(moi, eleveId, ct))
            || !await regles.PeutLireAsync(moi, eleveId, Domaine.TravailScolaire, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cet identifiant.");
        }

        var jour = semaine ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), Paris).DateTime);
        var lundi = jour.AddDays(-(((int)jour.DayOfWeek + 6) % 7));
        var debut = Instant(lundi);
        var fin = Instant(lundi.AddDays(7));

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerRessourcesOuvertes", ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var ouvertures = await conn.QueryAsync<Ouverture>(new CommandDefinition("""
            SELECT id_ressource AS IdRessource, nom_ressource AS NomRessource, nom_editeur AS NomEditeur, ouverte_le AS OuverteLe
            FROM ressources.gar_ouverture
            WHERE personne_id = @eleveId AND ouverte_le >= @debut AND ouverte_le < @fin
            ORDER BY ouverte_le DESC
            LIMIT 500
            """, new { eleveId, debut, fin }, cancellationToken: ct));
        return TypedResults.Ok(new SemaineOuvertures(lundi, lundi.AddDays(6), [.. ouvertures], PurgeOuverturesGar.DureeTexte));
    }

    private static DateTimeOffset Instant(DateOnly jour)
    {
        var local = jour.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }
}
