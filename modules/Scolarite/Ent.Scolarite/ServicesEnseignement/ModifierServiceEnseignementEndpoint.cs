using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.ServicesEnseignement;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/services/{serviceId} — the administrators change a teaching service's teacher
/// (a replacement takes over its assessments) or its coefficient. Subject and class or group stay: another subject or
/// class is another service.
/// </summary>
internal static class ModifierServiceEnseignementEndpoint
{
    /// <summary>What may change in a teaching service.</summary>
    /// <param name="EnseignantId">The teacher, a teacher of the établissement.</param>
    /// <param name="Coefficient">The subject's weight in the general average: above 0, at most 99, two decimals at most.</param>
    internal sealed record ServiceModifie(Guid EnseignantId, decimal Coefficient);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/services/{serviceId:guid}", Handle)
        .WithName("ModifierServiceEnseignement")
        .WithSummary("Change l'enseignant ou le coefficient d'un service d'enseignement de l'année en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = $"""
        UPDATE scolarite.service_enseignement s SET enseignant_id = @enseignantId, coefficient = @coefficient
        WHERE s.id = @serviceId
          AND (s.classe_id IN (SELECT id FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee)
               OR s.groupe_id IN (SELECT id FROM scolarite.groupe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee))
        RETURNING {ServiceEnseignement.Colonnes}
        """;

    private static async Task<Results<Ok<ServiceEnseignement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid serviceId, ServiceModifie demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        var enseignants = await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct);
        var erreurs = new Erreurs()
            .Require(enseignants.Any(p => p.Id == demande.EnseignantId), "enseignantId",
                $"Aucun enseignant de l'établissement n'a l'identifiant {demande.EnseignantId}.")
            .Require(ServiceEnseignement.CoefficientValide(demande.Coefficient), "coefficient", ServiceEnseignement.MessageCoefficient);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        ServiceEnseignement? service;
        try
        {
            service = await conn.QuerySingleOrDefaultAsync<ServiceEnseignement>(new CommandDefinition(Sql, new
            {
                etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), serviceId, demande.EnseignantId, demande.Coefficient,
            }, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problemes.Conflit("Cet enseignant a déjà un service de cette matière pour cette classe ou ce groupe.");
        }

        return service is null
            ? Problemes.Introuvable("L'établissement n'a aucun service d'enseignement de cet identifiant cette année.")
            : TypedResults.Ok(service);
    }
}
