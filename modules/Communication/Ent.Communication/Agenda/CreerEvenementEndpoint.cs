using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// POST /api/communication/etablissements/{uai}/evenements — a staff member adds an event to the school calendar: the
/// direction, the CPE and the local administrators for any audience; a teacher for their own classes and groups only.
/// Other staff get 403 (they see the calendar, so its existence is no secret); anyone else 404.
/// </summary>
internal static class CreerEvenementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/evenements", Handle)
        .WithName("CreerEvenement")
        .WithSummary("Ajoute un événement au calendrier scolaire (direction, CPE ; un enseignant pour ses classes).")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal const string InsererSql = """
        INSERT INTO communication.evenement (id, etablissement_id, categorie, titre, description, lieu, jour_debut, jour_fin, heure_debut, heure_fin,
                                             divisions, profils, auteur_id, cree_le, modifie_le)
        VALUES (@Id, @EtablissementId, @Categorie, @Titre, @Description, @Lieu, @JourDebut, @JourFin, @HeureDebut, @HeureFin,
                @Divisions, @Profils, @AuteurId, @Maintenant, @Maintenant)
        """;

    private static async Task<Results<Created<EvenementAgenda>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, EvenementSaisi saisie, ICurrentUser utilisateur, IAnnuaire annuaire, Regards regards, IDivisions divisions,
        Calendrier calendrier, NotificationsAgenda notifications, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var acces = await AgendaEtablissement.VerifierAsync(uai, utilisateur, annuaire, regards, ct);
        if (acces.Invalide is not null)
        {
            return acces.Invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Refus!;
        }

        if (!acces.PeutCreer)
        {
            return TypedResults.Problem("Seuls la direction, le CPE et les enseignants (pour leurs classes) ajoutent des événements.",
                statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");
        }

        var existantes = (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).Select(d => d.Id).ToHashSet();
        var (valide, erreurs) = Saisie.Valider(saisie, existantes, acces.Ciblables);
        if (valide is null)
        {
            return erreurs.ToProblem();
        }

        var ligne = new LigneEvenement(Guid.CreateVersion7(), etablissement.Id, valide.Categorie, valide.Titre, valide.Description, valide.Lieu,
            valide.JourDebut, valide.JourFin, valide.HeureDebut, valide.HeureFin, valide.Divisions, valide.Profils, acces.PersonneId, clock.GetUtcNow(), 0);
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            // The event and its notifications together: both or neither.
            await using var tx = await conn.BeginTransactionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition(InsererSql, Parametres(ligne), tx, cancellationToken: ct));
            await notifications.CreeAsync(ligne, acces.PersonneId, conn, tx, ct);
            await tx.CommitAsync(ct);
        }

        var vue = (await calendrier.DecrireAsync([(ligne, Array.Empty<string>(), true)], ct))[0];
        return TypedResults.Created($"/api/communication/evenements/{ligne.Id}", vue);
    }

    internal static object Parametres(LigneEvenement e) => new
    {
        e.Id, e.EtablissementId, e.Categorie, e.Titre, e.Description, e.Lieu, e.JourDebut, e.JourFin, e.HeureDebut, e.HeureFin, e.Divisions, e.Profils,
        e.AuteurId, Maintenant = e.ModifieLe,
    };
}
