using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// PUT /api/communication/evenements/{id} — changes an event (every field, with the same checks as its creation): its
/// établissement's managers, or the teacher who created it (still for their own classes). A reader who may not change
/// it gets 403; anyone who may not read it, 404. Each change raises the event's iCal SEQUENCE; a change of its date,
/// times, place or title (or audience) is notified to the people it concerns (NotificationsAgenda).
/// </summary>
internal static class ModifierEvenementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/evenements/{id:guid}", Handle)
        .WithName("ModifierEvenement")
        .WithSummary("Modifie un événement du calendrier scolaire (direction, CPE ; l'enseignant qui l'a créé).")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string ModifierSql = """
        UPDATE communication.evenement
        SET categorie = @Categorie, titre = @Titre, description = @Description, lieu = @Lieu, jour_debut = @JourDebut, jour_fin = @JourFin,
            heure_debut = @HeureDebut, heure_fin = @HeureFin, divisions = @Divisions, profils = @Profils, modifie_le = @Maintenant,
            sequence = sequence + 1
        WHERE id = @Id
        """;

    internal const string Introuvable = "Aucun événement ne correspond à cette adresse.";

    internal static ProblemHttpResult Interdit() => TypedResults.Problem(
        "Seuls la direction, le CPE et l'enseignant qui l'a créé modifient ou suppriment cet événement.",
        statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");

    private static async Task<Results<Ok<EvenementAgenda>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, EvenementSaisi saisie, ICurrentUser utilisateur, Regards regards, IDivisions divisions, Calendrier calendrier,
        NotificationsAgenda notifications, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var actuel = await Calendrier.TrouverAsync(conn, id, ct, tx, pourModifier: true);
        var siens = await regards.DeAsync(personneId, ct);
        if (actuel is null || !Regards.PeutLire(siens, actuel, personneId))
        {
            return Problemes.Introuvable(Introuvable);
        }

        if (!Regards.PeutModifier(siens, actuel, personneId))
        {
            return Interdit();
        }

        var gestionnaire = siens.Any(r => r.EtablissementId == actuel.EtablissementId && r.Role == Role.Gestionnaire);
        IReadOnlySet<Guid>? ciblables = gestionnaire
            ? null
            : siens.Where(r => r.EtablissementId == actuel.EtablissementId && r.Role == Role.Enseignant).SelectMany(r => r.Divisions).ToHashSet();
        var existantes = (await divisions.DeLEtablissementAsync(actuel.EtablissementId, ct)).Select(d => d.Id).ToHashSet();
        var (valide, erreurs) = Saisie.Valider(saisie, existantes, ciblables);
        if (valide is null)
        {
            return erreurs.ToProblem();
        }

        var ligne = actuel with
        {
            Categorie = valide.Categorie, Titre = valide.Titre, Description = valide.Description, Lieu = valide.Lieu, JourDebut = valide.JourDebut,
            JourFin = valide.JourFin, HeureDebut = valide.HeureDebut, HeureFin = valide.HeureFin, Divisions = valide.Divisions, Profils = valide.Profils,
            ModifieLe = clock.GetUtcNow(), Sequence = actuel.Sequence + 1,
        };
        await conn.ExecuteAsync(new CommandDefinition(ModifierSql, CreerEvenementEndpoint.Parametres(ligne), tx, cancellationToken: ct));
        await notifications.ModifieAsync(actuel, ligne, personneId, conn, tx, ct);
        await tx.CommitAsync(ct);
        var vue = (await calendrier.DecrireAsync([(ligne, Regards.Pour(siens, ligne, personneId), true)], ct))[0];
        return TypedResults.Ok(vue);
    }
}
