using System.Text;
using Ent.Communication.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// GET /api/communication/evenements/{id}/ics — one event as an .ics file, to add it to one's own calendar app: for
/// whoever may read it (the établissement's staff, and those the event concerns); 404 for anyone else.
/// </summary>
internal static class TelechargerEvenementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/evenements/{id:guid}/ics", Handle)
        .WithName("TelechargerEvenementIcs")
        .WithSummary("Télécharge un événement du calendrier scolaire au format iCalendar (.ics).")
        .Produces<Stream>(StatusCodes.Status200OK, "text/calendar")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        Guid id, ICurrentUser utilisateur, Regards regards, NpgsqlDataSource db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        LigneEvenement? e;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            e = await Calendrier.TrouverAsync(conn, id, ct);
        }

        var siens = await regards.DeAsync(personneId, ct);
        if (e is null || !Regards.PeutLire(siens, e, personneId))
        {
            return Problemes.Introuvable(ModifierEvenementEndpoint.Introuvable);
        }

        var ics = IcalEvenement.Construire(new EvenementVisible(e.Id, e.EtablissementId, e.Categorie, e.Titre, e.Description, e.Lieu, e.JourDebut,
            e.JourFin, e.HeureDebut, e.HeureFin, e.Sequence, e.ModifieLe, Regards.Pour(siens, e, personneId)), clock.GetUtcNow(), IcalEvenement.Domaine(configuration));
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"evenement-{e.JourDebut:yyyy-MM-dd}.ics");
    }
}
