using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenIddict.Abstractions;

namespace Ent.Identite.Activation;

/// <summary>
/// POST /api/identite/comptes/{personneId}/activation — a new activation code for one account (the administration
/// screens' « réinitialiser »): a family that lost its letter, or an active account whose password is lost with no
/// contact to receive a reset code. An active account goes back to activation: its password stops working, its sessions
/// end (security stamp), its tokens are revoked, and the person activates again with the code (new password, terms,
/// contacts). The previous code, printed or given, stops working. For the head and local administrators of an
/// établissement the person belongs to (own profile, or guardian of a pupil enrolled there); 404 for anyone else; 409
/// for a blocked or deactivated account (unblock or reactivate it first). Access-logged.
/// </summary>
internal static class GenererCodeActivationEndpoint
{
    /// <summary>The new code, shown once: only its hash is kept.</summary>
    /// <param name="Code">12 characters in three groups, e.g. « K7QM-4XTB-9HRW », to type on /activation with the login.</param>
    /// <param name="ExpireLe">Valid until then (3 months), once.</param>
    internal sealed record CodeActivation(string Code, DateTimeOffset ExpireLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/comptes/{personneId:guid}/activation", Handle)
        .WithName("GenererCodeActivation")
        .WithSummary("Donne un nouveau code d'activation pour le compte d'une personne (l'ancien code, imprimé ou donné, ne sert plus).")
        .WithDescription("Un compte actif redevient « à activer » : son mot de passe ne sert plus, ses sessions se ferment, et la personne " +
                         "l'active à nouveau avec ce code. Refusé (409) pour un compte bloqué ou désactivé. Direction et administrateurs " +
                         "locaux d'un établissement de la personne.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static readonly string[] Administrateurs = [Fonctions.Direction, Fonctions.AdministrateurLocal];

    private static async Task<Results<Ok<CodeActivation>, ProblemHttpResult>> Handle(Guid personneId, HttpContext http, ICurrentUser utilisateur,
        IJournalAcces journal, IOpenIddictTokenManager jetons, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var etablissements = utilisateur.PersonneId is { } administrateur
            ? await AccesActivation.EtablissementsCommunsAsync(db, administrateur, personneId, Administrateurs, ct)
            : [];
        if (etablissements.Length == 0)
        {
            return Problemes.Introuvable("Aucun compte de ce nom ne relève de vos établissements.");
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var compte = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Etat)?>(new CommandDefinition(
            "SELECT id, etat FROM identite.compte WHERE personne_id = @personneId FOR UPDATE", new { personneId }, tx, cancellationToken: ct));
        if (compte is null)
        {
            return Problemes.Introuvable("Cette personne n'a pas de compte.");
        }

        if (compte.Value.Etat is not ("a_activer" or "actif"))
        {
            return TypedResults.Problem("Ce compte est bloqué ou désactivé : débloquez-le ou réactivez-le avant de donner un code.",
                statusCode: StatusCodes.Status409Conflict, title: "Compte bloqué ou désactivé", type: "urn:ent:probleme:compte-inactif");
        }

        if (compte.Value.Etat == "actif")
        {
            // Back to activation; the stamp trigger (migration 0010) ends the sessions opened with the old password.
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE identite.compte SET etat = 'a_activer', mot_de_passe_hash = NULL, active_le = NULL, conditions_acceptees_le = NULL
                WHERE id = @Id
                """, new { compte.Value.Id }, tx, cancellationToken: ct));
        }

        var code = (await CodesActivation.GenererAsync(conn, tx, [compte.Value.Id], utilisateur.PersonneId, maintenant, ct))[0];
        // The pupils concerned, for the access log: the person, or the children of a guardian, in the établissements above.
        var eleves = (await conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT r.personne_id FROM identite.rattachement r
            WHERE r.profil = 'eleve' AND r.etablissement_id = ANY(@etablissements)
              AND (r.personne_id = @personneId
                   OR r.personne_id IN (SELECT eleve_id FROM identite.lien_responsable WHERE responsable_id = @personneId))
            """, new { etablissements, personneId }, tx, cancellationToken: ct))).Distinct().ToArray();
        await tx.CommitAsync(ct);
        if (compte.Value.Etat == "actif")
        {
            await jetons.RevokeBySubjectAsync(personneId.ToString(), ct);
        }

        await journal.NoterAsync(new AccesDonnees(utilisateur.PersonneId, null, Guid.Empty, Domaine.Identite, ActionAcces.Modification,
            "GenererCodeActivation", http.Connection.RemoteIpAddress, etablissements[0]), eleves, ct);
        return TypedResults.Ok(new CodeActivation(code.Code, code.ExpireLe));
    }
}
