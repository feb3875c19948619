using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>
/// POST /api/identite/comptes/{personneId}/activation — a new activation code for one account still to activate (a
/// family that lost its letter; the administration screens' « réinitialiser »). The previous code, printed or given,
/// stops working. For the head and local administrators of an établissement the person belongs to (own profile, or
/// guardian of a pupil enrolled there); 404 for anyone else; 409 when the account is not waiting for activation.
/// Access-logged.
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
        .WithDescription("Pour un compte à activer seulement (409 sinon). Direction et administrateurs locaux d'un établissement de la personne.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static readonly string[] Administrateurs = [Fonctions.Direction, Fonctions.AdministrateurLocal];

    private static async Task<Results<Ok<CodeActivation>, ProblemHttpResult>> Handle(Guid personneId, HttpContext http, ICurrentUser utilisateur,
        IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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

        if (compte.Value.Etat != "a_activer")
        {
            return TypedResults.Problem(compte.Value.Etat == "actif"
                    ? "Ce compte est déjà activé : la personne se connecte avec son mot de passe (ou « Mot de passe oublié ? »)."
                    : "Ce compte est bloqué ou désactivé : réactivez-le avant de donner un code.",
                statusCode: StatusCodes.Status409Conflict, title: "Compte déjà activé", type: "urn:ent:probleme:compte-deja-active");
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
        await journal.NoterAsync(new AccesDonnees(utilisateur.PersonneId, null, Guid.Empty, Domaine.Identite, ActionAcces.Modification,
            "GenererCodeActivation", http.Connection.RemoteIpAddress, etablissements[0]), eleves, ct);
        return TypedResults.Ok(new CodeActivation(code.Code, code.ExpireLe));
    }
}
