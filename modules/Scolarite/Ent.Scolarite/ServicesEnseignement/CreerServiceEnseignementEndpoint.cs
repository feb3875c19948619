using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Matieres;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.ServicesEnseignement;

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/services — the administrators create a teaching service: a teacher of the
/// établissement teaches one of its subjects to a class or to a group of the current school year. The subject's name is
/// copied into the service, as report cards show it.
/// </summary>
internal static class CreerServiceEnseignementEndpoint
{
    /// <summary>A new teaching service.</summary>
    /// <param name="EnseignantId">The teacher, a teacher of the établissement.</param>
    /// <param name="MatiereCode">The subject, by its code among the établissement's subjects, e.g. MATHS.</param>
    /// <param name="ClasseId">The class taught, this school year; null when the service is for a group.</param>
    /// <param name="GroupeId">The group taught, this school year; null when the service is for a class.</param>
    /// <param name="Coefficient">The subject's weight in the general average: above 0, at most 99, two decimals at most.</param>
    internal sealed record NouveauService(Guid EnseignantId, string MatiereCode, Guid? ClasseId, Guid? GroupeId, decimal Coefficient);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/services", Handle)
        .WithName("CreerServiceEnseignement")
        .WithSummary("Crée un service d'enseignement : un enseignant, une matière, une classe ou un groupe (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private sealed record References(string? MatiereLibelle, bool ClasseExiste, bool GroupeExiste);

    private const string ReferencesSql = """
        SELECT (SELECT libelle FROM scolarite.matiere WHERE etablissement_id = @etablissementId AND code = @matiereCode) AS matiere_libelle,
               EXISTS (SELECT 1 FROM scolarite.classe
                       WHERE id = @classeId AND etablissement_id = @etablissementId AND annee_scolaire = @annee) AS classe_existe,
               EXISTS (SELECT 1 FROM scolarite.groupe
                       WHERE id = @groupeId AND etablissement_id = @etablissementId AND annee_scolaire = @annee) AS groupe_existe
        """;

    private const string InsererSql = """
        INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id, groupe_id, coefficient)
        VALUES (@Id, @EnseignantId, @MatiereCode, @MatiereLibelle, @ClasseId, @GroupeId, @Coefficient)
        """;

    private static async Task<Results<Created<ServiceEnseignement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouveauService demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        var erreurs = new Erreurs()
            .Require(MatiereEtablissement.CodeValide(demande.MatiereCode), "matiereCode", MatiereEtablissement.MessageCode)
            .Require(demande.ClasseId is not null || demande.GroupeId is not null, "classeId",
                "Indiquez la classe ou le groupe à qui la matière est enseignée.")
            .Require(demande.ClasseId is null || demande.GroupeId is null, "groupeId",
                "Un service est pour une classe ou pour un groupe, pas pour les deux.")
            .Require(ServiceEnseignement.CoefficientValide(demande.Coefficient), "coefficient", ServiceEnseignement.MessageCoefficient);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var enseignants = await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct);
        erreurs.Require(enseignants.Any(p => p.Id == demande.EnseignantId), "enseignantId",
            $"Aucun enseignant de l'établissement n'a l'identifiant {demande.EnseignantId}.");
        await using var conn = await db.OpenConnectionAsync(ct);
        var references = await conn.QuerySingleAsync<References>(new CommandDefinition(ReferencesSql, new
        {
            etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), demande.MatiereCode, demande.ClasseId, demande.GroupeId,
        }, cancellationToken: ct));
        erreurs
            .Require(references.MatiereLibelle is not null, "matiereCode",
                $"L'établissement n'a pas de matière de code {demande.MatiereCode} : créez-la d'abord.")
            .Require(demande.ClasseId is null || references.ClasseExiste, "classeId",
                "L'établissement n'a aucune classe de cet identifiant cette année.")
            .Require(demande.GroupeId is null || references.GroupeExiste, "groupeId",
                "L'établissement n'a aucun groupe de cet identifiant cette année.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var service = new ServiceEnseignement(Guid.CreateVersion7(), demande.EnseignantId, demande.MatiereCode, references.MatiereLibelle!,
            demande.ClasseId, demande.GroupeId, demande.Coefficient);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(InsererSql, service, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problemes.Conflit($"Cet enseignant enseigne déjà la matière {service.MatiereLibelle} à " +
                                     (service.ClasseId is null ? "ce groupe." : "cette classe."));
        }

        return TypedResults.Created((string?)null, service);
    }
}
