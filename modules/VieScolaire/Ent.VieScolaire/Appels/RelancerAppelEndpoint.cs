using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// POST /api/viescolaire/etablissements/{uai}/appels-non-faits/{serviceId}/relance — the vie scolaire desk (CPE, head)
/// reminds the teacher of a lesson that started without its roll call: an in-app notification that opens the roll call.
/// Once per lesson: asking again (a double click, a second CPE) sends nothing more and answers the first reminder, which
/// the list of roll calls not taken shows (who, when). A lesson whose roll call is taken, or that has not started, is refused.
/// </summary>
internal static class RelancerAppelEndpoint
{
    /// <summary>The lesson to remind of.</summary>
    /// <param name="Debut">The lesson's start, as the list of roll calls not taken gives it.</param>
    internal sealed record DemandeRelance(DateTimeOffset? Debut);

    /// <summary>The lesson's reminder.</summary>
    /// <param name="Par">Who reminded (« Prénom Nom »).</param>
    /// <param name="Le">When.</param>
    /// <param name="DejaRelance">True when the lesson had already been reminded of: nothing was sent this time.</param>
    internal sealed record Relance(string Par, DateTimeOffset Le, bool DejaRelance);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/appels-non-faits/{serviceId:guid}/relance", Handle)
        .WithName("RelancerAppel")
        .WithSummary("Rappelle à l'enseignant de faire l'appel d'un cours commencé (vie scolaire : CPE, direction) ; une seule relance par cours.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string InsertSql = """
        INSERT INTO viescolaire.relance_appel (service_id, debut, etablissement_id, enseignant_id, relance_par, relance_le)
        VALUES (@ServiceId, @Debut, @EtablissementId, @EnseignantId, @Par, @Le)
        ON CONFLICT (service_id, debut) DO NOTHING
        """;

    private const string LireSql = "SELECT relance_par, relance_le FROM viescolaire.relance_appel WHERE service_id = @serviceId AND debut = @debut";

    private static async Task<Results<Ok<Relance>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid serviceId, DemandeRelance demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        IServicesEnseignement services, IEmploiDuTemps edt, IMessagerie messagerie, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement)
        {
            return route.Introuvable!;
        }

        if (demande.Debut is not { } debutDemande)
        {
            return new Erreurs().Add("debut", "Indiquez le début du cours (date et heure).").ToProblem();
        }

        var debut = debutDemande.ToUniversalTime();
        var jour = horaires.Jour(debut);
        var service = await services.TrouverAsync(serviceId, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var creneau = service?.EtablissementId == etablissement.Id
            ? (await Creneaux.DuServiceAsync(edt, conn, serviceId, jour, horaires, ct)).FirstOrDefault(c => c.Debut == debut && !c.Annule)
            : null;
        if (service is null || creneau is null)
        {
            return Problemes.Introuvable("Aucun cours de cet établissement ne commence à cette heure pour ce service.");
        }

        if (creneau.AppelFait || debut > horaires.Maintenant)
        {
            return Problemes.Conflit(creneau.AppelFait ? "L'appel de ce cours a été fait : rien à relancer." : "Ce cours n'a pas encore commencé : rien à relancer.");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var nouvelle = await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            ServiceId = serviceId, Debut = debut, EtablissementId = etablissement.Id, creneau.Cours.EnseignantId, Par = utilisateur.PersonneId!.Value,
            Le = horaires.Maintenant,
        }, tx, cancellationToken: ct)) == 1;
        if (nouvelle)
        {
            var heure = horaires.Local(debut);
            var texte = $"La vie scolaire vous rappelle de faire l'appel du cours {FeuillesAppel.Cours(service)} de {heure.Hour} h {heure:mm}.";
            // The lesson's teacher: the replacing one when it is replaced.
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Application, null, creneau.Cours.EnseignantId, "Appel à faire", texte,
                $"relance-appel:{serviceId}:{debut:yyyyMMddTHHmmss}:application", EtablissementId: etablissement.Id, Categorie: "relance_appel",
                Lien: $"/appel?date={jour:yyyy-MM-dd}"), conn, tx, ct);
        }

        var (par, le) = await conn.QuerySingleAsync<(Guid, DateTimeOffset)>(new CommandDefinition(LireSql, new { serviceId, debut }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var nom = (await annuaire.TrouverPersonnesAsync([par], ct)).Select(p => $"{p.Prenom} {p.Nom}").FirstOrDefault() ?? "—";
        return TypedResults.Ok(new Relance(nom, le, DejaRelance: !nouvelle));
    }
}
