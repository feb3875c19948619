using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// PUT /api/identite/etablissements/{uai}/liens/{responsableId}/{eleveId} — an administrator fixes a guardian link the
/// import got wrong (or adds one it missed): the link (mère, père, tuteur, autre), whether it carries parental authority
/// (what the guardian may read, ReglesAcces), and whether the guardian receives the school's notifications and mail.
/// The link is then <c>fixe_manuellement</c>: later imports leave it as the administrator set it. The pupil must be a
/// pupil of the établissement and the guardian one of its guardians; anyone else is 404.
/// </summary>
internal static class CorrigerLienResponsableEndpoint
{
    private static readonly string[] Liens = ["mere", "pere", "tuteur", "autre"];

    /// <summary>The link as the administrator sets it.</summary>
    /// <param name="Lien">mere, pere, tuteur or autre.</param>
    /// <param name="Legal">Holds parental authority.</param>
    /// <param name="RecoitNotifications">Receives the notifications about the child.</param>
    /// <param name="RecoitCourrier">Receives the school's mail (unchanged when omitted; true for a new link).</param>
    internal sealed record LienCorrige(string? Lien, bool? Legal, bool? RecoitNotifications, bool? RecoitCourrier);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/liens/{responsableId:guid}/{eleveId:guid}", Handle)
        .WithName("CorrigerLienResponsable")
        .WithSummary("Corrige (ou crée) le lien entre un responsable et un élève de l'établissement ; les imports suivants le conservent (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string PersonnesSql = """
        SELECT EXISTS (SELECT 1 FROM identite.rattachement WHERE personne_id = @eleveId AND etablissement_id = @etablissementId AND profil = 'eleve'),
               EXISTS (SELECT 1 FROM identite.rattachement WHERE personne_id = @responsableId AND etablissement_id = @etablissementId AND profil = 'responsable')
        """;

    private const string Sql = """
        INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien, legal, recoit_notifications, recoit_courrier, fixe_manuellement)
        VALUES (@responsableId, @eleveId, @lien, @legal, @recoitNotifications, coalesce(@recoitCourrier, true), true)
        ON CONFLICT (responsable_id, eleve_id) DO UPDATE
        SET lien = excluded.lien, legal = excluded.legal, recoit_notifications = excluded.recoit_notifications,
            recoit_courrier = coalesce(@recoitCourrier, lien_responsable.recoit_courrier), fixe_manuellement = true
        """;

    private static async Task<Results<Ok<ObtenirFichePersonneEndpoint.LienFamille>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid responsableId, Guid eleveId, LienCorrige? corps, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var admin = await EtablissementAdministre.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (admin.Invalide is { } invalide)
        {
            return invalide;
        }

        if (admin.Refus is { } refus)
        {
            return refus;
        }

        var erreurs = new Erreurs()
            .Require(corps?.Lien is { } l && Liens.Contains(l), "lien", "Le lien est mere, pere, tuteur ou autre.")
            .Require(corps?.Legal is not null, "legal", "Dites si ce responsable a l'autorité parentale (legal : true ou false).")
            .Require(corps?.RecoitNotifications is not null, "recoitNotifications", "Dites si ce responsable reçoit les notifications (true ou false).")
            .Require(responsableId != eleveId, "responsableId", "Un élève ne peut pas être son propre responsable.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (eleve, responsable) = await conn.QuerySingleAsync<(bool, bool)>(new CommandDefinition(PersonnesSql,
            new { eleveId, responsableId, etablissementId = admin.Etablissement!.Id }, cancellationToken: ct));
        if (!eleve || !responsable)
        {
            return Problemes.Introuvable("Aucun élève et responsable de cet établissement ne portent ces identifiants.");
        }

        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            responsableId, eleveId, lien = corps!.Lien, legal = corps.Legal, recoitNotifications = corps.RecoitNotifications,
            recoitCourrier = corps.RecoitCourrier,
        }, cancellationToken: ct));
        var lien = await conn.QuerySingleAsync<ObtenirFichePersonneEndpoint.LienFamille>(new CommandDefinition("""
            SELECT l.responsable_id, l.eleve_id, p.nom, p.prenom, l.lien, l.legal, l.recoit_courrier, l.recoit_notifications,
                   l.contact_prioritaire, l.fixe_manuellement
            FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.responsable_id
            WHERE l.responsable_id = @responsableId AND l.eleve_id = @eleveId
            """, new { responsableId, eleveId }, cancellationToken: ct));

        await journal.NoterAsync(admin, http, [eleveId], ActionAcces.Modification, "CorrigerLienResponsable", ct);
        return TypedResults.Ok(lien);
    }
}
