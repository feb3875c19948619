using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>
/// POST /api/viescolaire/justificatifs/{id}/decision — the vie scolaire desk accepts or refuses a justification waiting
/// for review. Accepted, its absences become justified with its reason; refused (a reason to give), they become
/// refused, and the family may justify them again. In one transaction with the absences' history and the message to
/// the guardian who sent it. For the établissement's CPE and head; anyone else gets 404; decided already: 409.
/// </summary>
internal static class DeciderJustificatifEndpoint
{
    /// <summary>The desk's decision.</summary>
    /// <param name="Accepte">True to accept (the absences are justified), false to refuse.</param>
    /// <param name="Raison">Why it is refused (required to refuse, 500 characters at most); told to the family.</param>
    internal sealed record DecisionJustificatif(bool? Accepte, string? Raison);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/justificatifs/{id:guid}/decision", Handle)
        .WithName("DeciderJustificatif")
        .WithSummary("Accepte ou refuse un justificatif à examiner (CPE et direction).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string EtablissementSql = "SELECT etablissement_id FROM viescolaire.justificatif WHERE id = @id";

    // The row is locked: two CPEs deciding at once are served one after the other, and the second finds it decided.
    private const string VerrouSql = """
        SELECT j.statut, j.eleve_id, j.etablissement_id, j.depose_par, m.libelle AS motif_libelle
        FROM viescolaire.justificatif j JOIN viescolaire.motif_absence m ON m.code = j.motif_code
        WHERE j.id = @id FOR UPDATE OF j
        """;

    // Absences cancelled since (a roll call corrected) keep their status: there was nothing to justify.
    private const string DeciderSql = """
        UPDATE viescolaire.justificatif
        SET statut = @statut, decide_par = @par, decide_le = @maintenant, raison_refus = @raison
        WHERE id = @id;

        WITH decidees AS (
            UPDATE viescolaire.absence a
            SET statut = @statutAbsence, motif_code = CASE WHEN @accepte THEN j.motif_code ELSE a.motif_code END
            FROM viescolaire.justificatif_absence ja, viescolaire.justificatif j
            WHERE ja.justificatif_id = @id AND a.id = ja.absence_id AND j.id = ja.justificatif_id AND a.annulee_le IS NULL
            RETURNING a.id
        )
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        SELECT id, @statutAbsence, @detail, @par, @maintenant FROM decidees;

        SELECT count(*)::int FROM viescolaire.justificatif_absence WHERE justificatif_id = @id;
        """;

    private sealed record Verrou(string Statut, Guid EleveId, Guid EtablissementId, Guid DeposePar, string MotifLibelle);

    private static async Task<Results<Ok<Justificatif>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, DecisionJustificatif decision, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        IAnnuaire annuaire, IServicesEnseignement enseignement, IEvenements evenements, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var raison = string.IsNullOrWhiteSpace(decision.Raison) ? null : decision.Raison.Trim();
        var erreurs = new Erreurs().Require(decision.Accepte is not null, "accepte", "Indiquez si le justificatif est accepté (true) ou refusé (false).");
        if (decision.Accepte is false && raison is null)
        {
            erreurs.Add("raison", "Indiquez à la famille la raison du refus.");
        }

        if (raison is { Length: > 500 })
        {
            erreurs.Add("raison", "La raison fait 500 caractères au plus.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var introuvable = Problemes.Introuvable("Aucun justificatif ne correspond à cette adresse.");
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var etablissementId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(EtablissementSql, new { id }, cancellationToken: ct));
        if (etablissementId is not { } etablissement || !await regles.PeutSuivreVieScolaireAsync(personneId, etablissement, ct))
        {
            return introuvable;
        }

        var accepte = decision.Accepte!.Value;
        await using var tx = await conn.BeginTransactionAsync(ct);
        var verrou = await conn.QuerySingleAsync<Verrou>(new CommandDefinition(VerrouSql, new { id }, tx, cancellationToken: ct));
        if (verrou.Statut != "a_examiner")
        {
            return Problemes.Conflit(verrou.Statut == "accepte"
                ? "Ce justificatif a déjà été traité : il a été accepté."
                : "Ce justificatif a déjà été traité : il a été refusé.");
        }

        var nombreAbsences = await conn.ExecuteScalarAsync<int>(new CommandDefinition(DeciderSql, new
        {
            id,
            statut = accepte ? "accepte" : "refuse",
            statutAbsence = accepte ? "justifiee" : "refusee",
            accepte,
            raison = accepte ? null : raison,
            par = personneId,
            maintenant = clock.GetUtcNow(),
            detail = accepte ? $"Justificatif accepté : {verrou.MotifLibelle}" : $"Justificatif refusé : {raison}",
        }, tx, cancellationToken: ct));

        await evenements.PublierAsync(new JustificatifDecide(id, verrou.EtablissementId, verrou.EleveId, verrou.DeposePar, accepte,
            accepte ? null : raison, nombreAbsences), conn, tx, ct);
        await tx.CommitAsync(ct);

        await journal.NoterAsync(http, utilisateur, verrou.EleveId, Domaine.VieScolaire, ActionAcces.Modification, "DeciderJustificatif", ct);
        return TypedResults.Ok((await LectureJustificatifs.ChargerAsync(conn, [id], annuaire, enseignement, ct)).Single());
    }
}
