using Ent.Identite.Contracts;
using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenIddict.Abstractions;

namespace Ent.Identite.Administration;

/// <summary>
/// DELETE /api/identite/etablissements/{uai}/personnes/{personneId}/applications/{applicationId} — an administrator
/// withdraws, for a person of the établissement, the access they gave a third-party application (as the person does
/// from « Mon compte », RetirerApplicationEndpoint): their authorizations and tokens for it are revoked, and the next use
/// asks for consent again. An application the person never allowed (or Ent's own) is 404.
/// </summary>
internal static class RetirerApplicationPersonneEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/etablissements/{uai}/personnes/{personneId:guid}/applications/{applicationId}", Handle)
        .WithName("RetirerApplicationPersonne")
        .WithSummary("Retire à une application tierce l'accès qu'une personne de l'établissement lui avait donné (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string uai, Guid personneId, string applicationId,
        HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager autorisations, IOpenIddictTokenManager jetons,
        CancellationToken ct)
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

        if (applicationId.Length > 100)
        {
            return new Erreurs().Add("applicationId", "L'identifiant d'une application fait 100 caractères au plus.").ToProblem();
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            if (!await EtablissementAdministre.RattacheeAsync(conn, personneId, admin.Etablissement!.Id, ct))
            {
                return EtablissementAdministre.PersonneIntrouvable();
            }
        }

        var application = await applications.FindByIdAsync(applicationId, ct);
        if (application is null || await applications.GetClientIdAsync(application, ct) == ClientsOidc.Spa)
        {
            return Problemes.Introuvable("Cette personne n'a autorisé aucune application portant cet identifiant.");
        }

        var sujet = personneId.ToString();
        var retirees = await autorisations.RevokeAsync(sujet, applicationId, OpenIddictConstants.Statuses.Valid, type: null, ct);
        await jetons.RevokeAsync(sujet, applicationId, status: null, type: null, ct);
        if (retirees == 0)
        {
            return Problemes.Introuvable("Cette personne n'a autorisé aucune application portant cet identifiant.");
        }

        await journal.NoterAsync(admin, http, [personneId], ActionAcces.Modification, "RetirerApplicationPersonne", ct);
        return TypedResults.NoContent();
    }
}
