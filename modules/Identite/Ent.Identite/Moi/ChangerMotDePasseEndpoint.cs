using Dapper;
using Ent.Communication.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenIddict.Abstractions;

namespace Ent.Identite.Moi;

/// <summary>
/// PUT /api/identite/me/mot-de-passe — the connected person changes their password, giving the current one. Every
/// session's refresh tokens are revoked (a thief holding one loses it), and the owner is told by e-mail or SMS.
/// </summary>
internal static class ChangerMotDePasseEndpoint
{
    /// <summary>The current password and the new one.</summary>
    /// <param name="Actuel">The current password.</param>
    /// <param name="Nouveau">The new password: at least 10 characters, without the login.</param>
    internal sealed record ChangementMotDePasse(string Actuel, string Nouveau);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/mot-de-passe", Handle)
        .WithName("ChangerMotDePasse")
        .WithSummary("Change le mot de passe de la personne connectée ; toutes ses sessions devront se reconnecter.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private sealed record Compte(Guid Id, string Identifiant, string? MotDePasseHash, string? Email, string? Mobile);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(ChangementMotDePasse demande,
        ICurrentUser user, NpgsqlDataSource db, IMessagerie messagerie, IOpenIddictTokenManager jetons, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var compte = await conn.QuerySingleOrDefaultAsync<Compte>(new CommandDefinition("""
            SELECT c.id, c.identifiant, c.mot_de_passe_hash, p.email, p.mobile
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.personne_id = @id AND c.etat = 'actif'
            """, new { id }, cancellationToken: ct));
        if (compte is null)
        {
            return Problemes.Introuvable("Aucun compte actif pour cette personne.");
        }

        var erreurs = new Erreurs();
        if (compte.MotDePasseHash is null || string.IsNullOrEmpty(demande.Actuel)
            || MotsDePasse.Hasher.VerifyHashedPassword(new object(), compte.MotDePasseHash, demande.Actuel) == PasswordVerificationResult.Failed)
        {
            erreurs.Add("actuel", "Le mot de passe actuel n'est pas le bon.");
        }

        if (MotsDePasse.Refus(demande.Nouveau, compte.Identifiant) is { } refus)
        {
            erreurs.Add("nouveau", refus);
        }
        else if (demande.Nouveau == demande.Actuel)
        {
            erreurs.Add("nouveau", "Le nouveau mot de passe doit être différent de l'actuel.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.compte SET mot_de_passe_hash = @hash WHERE id = @Id",
                new { hash = MotsDePasse.Hasher.HashPassword(new object(), demande.Nouveau), compte.Id }, tx, cancellationToken: ct));
            await AlerteAsync(messagerie, conn, tx, id, compte.Email, compte.Mobile, "Mot de passe modifié",
                "Le mot de passe de votre compte Ent vient d'être modifié. Si ce n'est pas vous, contactez l'établissement.",
                $"alerte-mot-de-passe:{compte.Id}:{Guid.NewGuid():N}", ct);
            await tx.CommitAsync(ct);
        }

        await jetons.RevokeBySubjectAsync(id.ToString(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>An alert to the owner, by e-mail when there is one, else by SMS.</summary>
    internal static Task AlerteAsync(IMessagerie messagerie, NpgsqlConnection conn, NpgsqlTransaction tx, Guid personneId,
        string? email, string? mobile, string sujet, string texte, string cle, CancellationToken ct) =>
        email is not null
            ? messagerie.PlanifierAsync(new MessageSortant(Canal.Courriel, email, personneId, sujet, texte, cle), conn, tx, ct)
            : mobile is not null
                ? messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, mobile, personneId, sujet, texte, cle), conn, tx, ct)
                : messagerie.PlanifierAsync(new MessageSortant(Canal.Application, null, personneId, sujet, texte, cle), conn, tx, ct);
}
