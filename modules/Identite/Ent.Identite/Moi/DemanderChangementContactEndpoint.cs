using System.Security.Cryptography;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Connexion;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>
/// POST /api/identite/me/contacts/changements — first step of a change of e-mail address or mobile number. Where the
/// reset code of a forgotten password is sent decides who owns the account, so a bearer token is not enough: the
/// current password is asked (under the login's lockout), and a new contact is only stored once the code sent to it
/// comes back (<see cref="ConfirmerChangementContactEndpoint"/>). One contact per request, named: nothing else
/// changes. Removing a contact needs the password, no code, and is refused when it is the last way to reach the
/// person. Only Ent's own application may do it: a third-party application never changes contacts.
/// </summary>
internal static class DemanderChangementContactEndpoint
{
    public static readonly TimeSpan DureeCode = TimeSpan.FromMinutes(15);
    public const int DemandesParHeure = 3;

    /// <summary>A change of one contact.</summary>
    /// <param name="Contact">Which one: <c>email</c> or <c>mobile</c>.</param>
    /// <param name="Valeur">The new e-mail address or mobile number (06 12 34 56 78 or +33 6 12 34 56 78); empty or null removes it.</param>
    /// <param name="MotDePasse">The person's current password.</param>
    internal sealed record DemandeChangementContact(string Contact, string? Valeur, string MotDePasse);

    /// <summary>A change waiting for the code sent to the new contact.</summary>
    /// <param name="Id">The change's id, to confirm it.</param>
    /// <param name="Contact"><c>email</c> or <c>mobile</c>.</param>
    /// <param name="Destination">Where the code was sent (the new contact, normalised).</param>
    /// <param name="ExpireLe">When the code stops being valid.</param>
    internal sealed record ChangementContactEnAttente(Guid Id, string Contact, string Destination, DateTimeOffset ExpireLe);

    /// <summary>The answer: the contacts as stored now, and the change waiting for its code, if one was sent.</summary>
    /// <param name="Enregistres">The contacts as stored (a removal is done at once; a change waits for its code).</param>
    /// <param name="EnAttente">The change waiting for the code sent to the new contact; null after a removal.</param>
    internal sealed record ReponseChangementContact(ContactsEnregistres Enregistres, ChangementContactEnAttente? EnAttente);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/contacts/changements", Handle)
        .WithName("DemanderChangementContact")
        .WithSummary("Demande le changement de l'adresse électronique ou du mobile : mot de passe actuel, puis code envoyé à la nouvelle coordonnée.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private sealed record Compte(string Identifiant, string? MotDePasseHash);

    private static async Task<Results<Ok<ReponseChangementContact>, ValidationProblem, ProblemHttpResult>> Handle(
        DemandeChangementContact demande, ICurrentUser user, HttpContext http, NpgsqlDataSource db, IMessagerie messagerie, Comptes comptes,
        TimeProvider clock, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        if (!Contacts.ParApplicationEnt(http))
        {
            return Contacts.RefusApplicationTierce();
        }

        var estEmail = demande.Contact == Contacts.Email;
        var retrait = string.IsNullOrWhiteSpace(demande.Valeur);
        var valeur = retrait ? null : estEmail ? demande.Valeur!.Trim() : Contacts.NormaliserMobile(demande.Valeur);
        var erreurs = new Erreurs()
            .Require(demande.Contact is Contacts.Email or Contacts.Mobile, "contact", "Indiquez la coordonnée à changer : email ou mobile.")
            .Require(!string.IsNullOrEmpty(demande.MotDePasse), "motDePasse", "Saisissez votre mot de passe actuel.");
        if (!retrait && demande.Contact == Contacts.Email && !Contacts.EmailValide(valeur))
        {
            erreurs.Add("valeur", "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.");
        }
        else if (!retrait && demande.Contact == Contacts.Mobile && valeur is null)
        {
            erreurs.Add("valeur", "Saisissez un numéro de mobile, par exemple 06 12 34 56 78.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var compte = await conn.QuerySingleOrDefaultAsync<Compte>(new CommandDefinition("""
            SELECT c.identifiant, c.mot_de_passe_hash FROM identite.compte c
            WHERE c.personne_id = @id AND c.etat = 'actif'
            """, new { id }, cancellationToken: ct));
        if (compte is null)
        {
            return Problemes.Introuvable("Aucun compte actif pour cette personne.");
        }

        var verdict = await comptes.EssaiAsync(compte.Identifiant, http.Connection.RemoteIpAddress,
            () => Task.FromResult(MotsDePasse.Correct(compte.MotDePasseHash, demande.MotDePasse)), ct);
        if (verdict is Verdict.Verrouille or Verdict.TropDeTentatives)
        {
            return Comptes.TropDeTentatives(http, verdict);
        }

        if (verdict != Verdict.Accepte)
        {
            return new Erreurs().Add("motDePasse", "Le mot de passe actuel n'est pas le bon.").ToProblem();
        }

        var maintenant = clock.GetUtcNow();
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Read again under the person's row lock: two requests at once (removing the e-mail and the mobile) cannot both
        // pass the checks below.
        var contacts = await conn.QuerySingleAsync<ContactsEnregistres>(new CommandDefinition(
            "SELECT email, mobile FROM identite.personne WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        var actuelle = estEmail ? contacts.Email : contacts.Mobile;
        var autre = estEmail ? contacts.Mobile : contacts.Email;
        if (string.Equals(actuelle, valeur, StringComparison.OrdinalIgnoreCase))
        {
            return new Erreurs().Add("valeur", retrait
                ? "Cette coordonnée n'est pas enregistrée : il n'y a rien à retirer."
                : "C'est déjà la coordonnée enregistrée.").ToProblem();
        }

        if (retrait)
        {
            if (autre is null)
            {
                return new Erreurs().Add("valeur", estEmail
                    ? "Votre adresse électronique est le seul moyen de vous prévenir (absences, code de mot de passe oublié) : enregistrez d'abord un mobile."
                    : "Votre mobile est le seul moyen de vous prévenir (absences, code de mot de passe oublié) : enregistrez d'abord une adresse électronique.").ToProblem();
            }

            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO identite.changement_contact (id, personne_id, contact, valeur, ancienne_valeur, cree_le, expire_le, confirme_le)
                VALUES (@changement, @id, @Contact, NULL, @actuelle, @maintenant, @maintenant, @maintenant)
                """, new { changement = Guid.CreateVersion7(), id, demande.Contact, actuelle, maintenant }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(estEmail
                ? "UPDATE identite.personne SET email = NULL WHERE id = @id"
                : "UPDATE identite.personne SET mobile = NULL WHERE id = @id", new { id }, tx, cancellationToken: ct));
            await Contacts.AlerterAncienAsync(messagerie, conn, tx, id, demande.Contact, actuelle!, Guid.NewGuid().ToString("N"), ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new ReponseChangementContact(estEmail ? contacts with { Email = null } : contacts with { Mobile = null }, null));
        }

        // Codes cost an SMS and may be sent to anyone's number: a few per hour and person.
        var recentes = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM identite.changement_contact WHERE personne_id = @id AND code_hash IS NOT NULL AND cree_le > @depuis
            """, new { id, depuis = maintenant.AddHours(-1) }, tx, cancellationToken: ct));
        if (recentes >= DemandesParHeure)
        {
            http.Response.Headers.RetryAfter = "3600";
            return TypedResults.Problem($"Vous avez demandé {DemandesParHeure} codes dans l'heure : réessayez plus tard.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de requêtes", type: "urn:ent:probleme:trop-de-requetes");
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var changementId = Guid.CreateVersion7();
        var expire = maintenant + DureeCode;
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.changement_contact (id, personne_id, contact, valeur, code_hash, cree_le, expire_le)
            VALUES (@changementId, @id, @Contact, @valeur, @hash, @maintenant, @expire)
            """, new { changementId, id, demande.Contact, valeur, hash = MotsDePasse.Hasher.HashPassword(new object(), code), maintenant, expire },
            tx, cancellationToken: ct));
        var texte = $"Ent : votre code pour confirmer cette coordonnée est {code}. Il est valable 15 minutes. " +
                    "Si vous n'avez rien demandé, ignorez ce message.";
        await messagerie.PlanifierAsync(estEmail
            ? new MessageSortant(Canal.Courriel, valeur, id, "Confirmez votre adresse Ent", texte, $"changement-contact:{changementId}")
            : new MessageSortant(Canal.Sms, valeur, id, "Code Ent", texte, $"changement-contact:{changementId}"), conn, tx, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ReponseChangementContact(contacts, new ChangementContactEnAttente(changementId, demande.Contact, valeur!, expire)));
    }
}
