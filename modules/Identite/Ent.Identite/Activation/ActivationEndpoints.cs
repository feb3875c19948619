using System.Globalization;
using Dapper;
using Ent.Identite.Connexion;
using Ent.Identite.DoubleAuthentification;
using Ent.Identite.EduConnect;
using Ent.Identite.Moi;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>
/// /activation — a family (or a member of staff) activates the account the directory import created. Step 1: the
/// login and the code of the letter (or the six-digit code sent by SMS or e-mail, <see cref="EnvoiCodeEndpoints"/>).
/// Step 2: a password, the terms of use, the contacts. Then the account is active and the person logged in.
/// A wrong code is a failed login (lockout per login, limit per address: <see cref="Comptes.EssaiAsync"/>); an
/// unknown login and a wrong code get the same answer after the same queries. Server-rendered, no script, not part of
/// the API document.
/// </summary>
internal static class ActivationEndpoints
{
    public const string Chemin = "/activation";
    public const string CheminConditions = "/activation/conditions";
    private const string CheminCompte = "/activation/compte";

    internal sealed class FormulaireCode
    {
        public string? Identifiant { get; set; }
        public string? Code { get; set; }
    }

    internal sealed class FormulaireCompte
    {
        public string? Ticket { get; set; }
        public string? MotDePasse { get; set; }
        public string? Confirmation { get; set; }
        public bool Conditions { get; set; }
        public string? Email { get; set; }
        public string? Mobile { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Chemin, (HttpContext http, IAntiforgery af, string? identifiant, string? envoi) =>
                PageCode(http, af, identifiant, erreur: null, envoi: envoi == "1"))
            .AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(Langues.Filtre);
        app.MapPost(Chemin, Verifier).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(CheminCompte, Activer).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(CheminConditions, (HttpContext http) => PageConditions(Textes.De(http)))
            .AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(Langues.Filtre);
        EnvoiCodeEndpoints.Map(app);
        ActivationEduConnectEndpoints.Map(app);
    }

    // Step 1 ----------------------------------------------------------------------------------------------------------

    private enum Issue
    {
        Valable,
        Refuse,
        Expire,
        Remplace,
        DejaActive,
    }

    private sealed record CompteTrouve(Guid Id, Guid PersonneId, string Identifiant, string Etat, string Prenom, string Nom);

    private sealed record CodeLettre(Guid Id, DateTime ExpireLe, DateTime? UtiliseLe, DateTime? RemplaceLe);

    private sealed record CodeEnvoye(Guid Id, string CodeHash);

    // Checked when no sent code is waiting, so that an unknown login costs what a known one costs.
    private static readonly string LeurreHash = MotsDePasse.Hasher.HashPassword(new object(), "000000");

    private static async Task<IResult> Verifier([FromForm] FormulaireCode form, HttpContext http, IAntiforgery antiforgery,
        NpgsqlDataSource db, Comptes comptes, IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct)
    {
        var identifiant = form.Identifiant?.Trim() ?? string.Empty;
        var code = CodesActivation.Normaliser(form.Code);
        if (identifiant.Length == 0 || code.Length == 0)
        {
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["activation.saisir"], status: 400);
        }

        var issue = Issue.Refuse;
        TicketActivation? ticket = null;
        var verdict = await comptes.EssaiAsync(identifiant, http.Connection.RemoteIpAddress, async () =>
        {
            (issue, ticket) = await VerifierCodeAsync(db, identifiant, code, clock.GetUtcNow(), ct);
            return issue == Issue.Valable;
        }, ct);

        if (verdict is Verdict.Verrouille or Verdict.TropDeTentatives)
        {
            http.Response.Headers.RetryAfter = ((int)Comptes.Attente(verdict).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return PageCode(http, antiforgery, identifiant, verdict == Verdict.Verrouille
                ? Textes.De(http)["activation.verrouille"]
                : Textes.De(http)["commun.tropDeTentatives"], status: 429);
        }

        return issue switch
        {
            Issue.Valable => PageCompte(http, antiforgery, ticket!, await ContactsAsync(db, ticket!.PersonneId, ct), null),
            Issue.DejaActive => PageCode(http, antiforgery, identifiant, Textes.De(http)["activation.dejaActive"], status: 409, lienConnexion: true),
            Issue.Expire => PageCode(http, antiforgery, identifiant, Textes.De(http)["activation.expire"], status: 400),
            Issue.Remplace => PageCode(http, antiforgery, identifiant, Textes.De(http)["activation.remplace"], status: 400),
            _ => PageCode(http, antiforgery, identifiant, Textes.De(http)["activation.incorrect"], status: 401),
        };
    }

    /// <summary>
    /// The same queries whatever the login: the account (none for an unknown login, then the empty id is looked up),
    /// then the codes that match. A letter's code is looked up by its hash; a six-digit code is checked against the
    /// account's last code sent, or against a decoy.
    /// </summary>
    private static async Task<(Issue, TicketActivation?)> VerifierCodeAsync(NpgsqlDataSource db, string identifiant, string code,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var compte = await conn.QuerySingleOrDefaultAsync<CompteTrouve>(new CommandDefinition("""
            SELECT c.id, c.personne_id, c.identifiant, c.etat, p.prenom, p.nom
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE lower(c.identifiant) = lower(@identifiant)
            """, new { identifiant }, cancellationToken: ct));
        var compteId = compte?.Id ?? Guid.Empty;

        if (CodesActivation.FormeDeLettre(code))
        {
            var lettre = await conn.QuerySingleOrDefaultAsync<CodeLettre>(new CommandDefinition("""
                SELECT id, expire_le, utilise_le, remplace_le FROM identite.code_activation
                WHERE compte_id = @compteId AND code_hash = @hash
                """, new { compteId, hash = CodesActivation.Hacher(code) }, cancellationToken: ct));
            var issue = (compte, lettre) switch
            {
                (null, _) or (_, null) => Issue.Refuse,
                ({ Etat: "actif" }, _) => Issue.DejaActive,
                ({ Etat: not "a_activer" }, _) => Issue.Refuse, // blocked or deactivated: the school decides, not a code
                (_, { RemplaceLe: not null }) => Issue.Remplace,
                (_, { UtiliseLe: not null }) => Issue.Refuse,
                _ when lettre.ExpireLe <= maintenant.UtcDateTime => Issue.Expire,
                _ => Issue.Valable,
            };
            return (issue, issue == Issue.Valable
                ? new TicketActivation(compte!.Id, compte.PersonneId, compte.Identifiant, compte.Prenom, compte.Nom, TicketActivation.Lettre, lettre!.Id)
                : null);
        }

        // A code sent by SMS or e-mail (« Je n'ai pas de lettre »): the forgotten-password flow's table and limits.
        var envoye = await conn.QuerySingleOrDefaultAsync<CodeEnvoye>(new CommandDefinition("""
            SELECT r.id, r.code_hash FROM identite.code_reinitialisation r JOIN identite.compte c ON c.id = r.compte_id
            WHERE r.compte_id = @compteId AND c.etat = 'a_activer'
              AND r.utilise_le IS NULL AND r.expire_le > @maintenant AND r.essais < @EssaisParCode
            ORDER BY r.cree_le DESC LIMIT 1
            """, new { compteId, maintenant, OubliEndpoints.EssaisParCode }, cancellationToken: ct));
        var bon = MotsDePasse.Hasher.VerifyHashedPassword(new object(), envoye?.CodeHash ?? LeurreHash, code) != PasswordVerificationResult.Failed
                  && envoye is not null;
        if (!bon)
        {
            await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.code_reinitialisation SET essais = essais + 1 WHERE id = @id",
                new { id = envoye?.Id ?? Guid.Empty }, cancellationToken: ct));
            return (Issue.Refuse, null);
        }

        return (Issue.Valable, new TicketActivation(compte!.Id, compte.PersonneId, compte.Identifiant, compte.Prenom, compte.Nom,
            TicketActivation.Envoi, envoye!.Id));
    }

    private static async Task<ContactsActuels> ContactsAsync(NpgsqlDataSource db, Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<ContactsActuels>(new CommandDefinition(
            "SELECT email, mobile FROM identite.personne WHERE id = @personneId", new { personneId }, cancellationToken: ct));
    }

    // Step 2 ----------------------------------------------------------------------------------------------------------

    private static async Task<IResult> Activer([FromForm] FormulaireCompte form, HttpContext http, IAntiforgery antiforgery,
        NpgsqlDataSource db, IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct)
    {
        var ticket = TicketActivation.Lire(protection, form.Ticket);
        if (ticket is null)
        {
            return PageCode(http, antiforgery, null,
                Textes.De(http)["activation.saisieExpiree"], status: 400);
        }

        var t = Textes.De(http);
        var contacts = new ContactsActuels(form.Email?.Trim(), form.Mobile?.Trim());
        var refus = MotsDePasse.Refus(form.MotDePasse, ticket.Identifiant, t)
                    ?? (form.MotDePasse != form.Confirmation ? t["commun.motsDePasseDifferents"] : null)
                    ?? (!form.Conditions ? t["commun.accepterConditions"] : null)
                    ?? (!string.IsNullOrEmpty(contacts.Email) && !Contacts.EmailValide(contacts.Email) ? t["activation.courrielInvalide"] : null)
                    ?? (!string.IsNullOrEmpty(contacts.Mobile) && Contacts.NormaliserMobile(contacts.Mobile) is null
                        ? t["activation.mobileInvalide"] : null);
        if (refus is not null)
        {
            return PageCompte(http, antiforgery, ticket, contacts, refus, 400);
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The code is consumed here, not at step 1: two tabs, or a ticket used twice, activate once.
        var consomme = await conn.ExecuteAsync(new CommandDefinition(ticket.Source == TicketActivation.Lettre
            ? """
              UPDATE identite.code_activation SET utilise_le = @maintenant
              WHERE id = @CodeId AND compte_id = @CompteId AND utilise_le IS NULL AND remplace_le IS NULL AND expire_le > @maintenant
              """
            : """
              UPDATE identite.code_reinitialisation SET utilise_le = @maintenant
              WHERE id = @CodeId AND compte_id = @CompteId AND utilise_le IS NULL AND expire_le > @maintenant
              """, new { ticket.CodeId, ticket.CompteId, maintenant }, tx, cancellationToken: ct));
        var active = consomme == 1 && await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.compte
            SET mot_de_passe_hash = @hash, etat = 'actif', active_le = @maintenant, conditions_acceptees_le = @maintenant
            WHERE id = @CompteId AND etat = 'a_activer'
            """, new { ticket.CompteId, hash = MotsDePasse.Hasher.HashPassword(new object(), form.MotDePasse!), maintenant }, tx,
            cancellationToken: ct)) == 1;
        if (!active)
        {
            return PageCode(http, antiforgery, ticket.Identifiant,
                t["activation.dejaServi"], status: 409, lienConnexion: true);
        }

        // The contacts the family confirmed (or corrected): the ones Ent will use to reach it and to reset its password.
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.personne SET email = @email, mobile = @mobile WHERE id = @PersonneId;
            UPDATE identite.code_activation SET remplace_le = @maintenant WHERE compte_id = @CompteId AND utilise_le IS NULL AND remplace_le IS NULL;
            """,
            new
            {
                ticket.PersonneId, ticket.CompteId, maintenant,
                email = string.IsNullOrEmpty(contacts.Email) ? null : contacts.Email,
                mobile = Contacts.NormaliserMobile(contacts.Mobile),
            }, tx, cancellationToken: ct));
        var secondFacteurRequis = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT " + SecondFacteur.ConditionRequise + " FROM identite.compte c WHERE c.id = @CompteId", new { ticket.CompteId }, tx,
            cancellationToken: ct));
        await tx.CommitAsync(ct);

        if (secondFacteurRequis)
        {
            // Staff of an établissement that requires a second factor: the login page sets it up.
            return Pages.Html(t["activation.titreActive"], $"""
                <p>{t["activation.secondFacteur"]}</p>
                <p><a class="bouton" href="/connexion">{t["commun.seConnecter"]}</a></p>
                """);
        }

        await ConnexionEndpoints.OuvrirSessionAsync(http, new CompteConnecte(ticket.PersonneId, ticket.Prenom, ticket.Nom));
        VersApplication(http);
        return Results.LocalRedirect("/");
    }

    /// <summary>
    /// The person just activated has a login session but the SPA has no tokens yet: the marker of
    /// <see cref="ResterConnecte"/>, for this browser session only, tells the SPA to ask for them silently (prompt=none)
    /// on arrival, so the person lands logged in without typing the new password again. The authorization endpoint
    /// removes it once used (the session is not a persistent one).
    /// </summary>
    internal static void VersApplication(HttpContext http) =>
        http.Response.Cookies.Append(ResterConnecte.Marqueur, "1", new CookieOptions
        {
            HttpOnly = false, // read by the SPA's script; it holds no secret
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
        });

    // Pages -----------------------------------------------------------------------------------------------------------

    internal static IResult PageCode(HttpContext http, IAntiforgery antiforgery, string? identifiant, string? erreur, int status = 200,
        bool envoi = false, bool lienConnexion = false)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        var decrit = erreur is null ? string.Empty : """ aria-describedby="erreur" """;
        var connexion = lienConnexion ? $"""<p><a class="bouton" href="/connexion">{t["commun.seConnecter"]}</a></p>""" : string.Empty;
        var envoye = envoi ? $"""<p role="status">{t["activation.envoye"]}</p>""" : string.Empty;
        var educonnect = http.RequestServices.GetRequiredService<IOptions<EduConnectOptions>>().Value.Active
            ? $"""

              <p class="ou">{t["commun.ou"]}</p>
              <a class="bouton secondaire" href="{Pages.E(ConnexionEduConnectEndpoints.Chemin + "?ReturnUrl=%2F")}">{t["activation.educonnect"]}</a>
              <p class="aide">{t["activation.aideEduconnect"]}</p>
            """
            : string.Empty;
        var pasDeLettre = t.F("activation.pasDeLettreSuite", $"""<a href="{EnvoiCodeEndpoints.Chemin}">{t["activation.pasDeLettre"]}</a>""");
        return Pages.Html(t["commun.activerMonCompte"], $"""
            {Pages.Alerte(erreur)}{connexion}
            {envoye}
            <form method="post" action="{Chemin}">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <p>{t["activation.consigne"]}</p>
              <div>
                <label for="identifiant">{t["commun.identifiant"]}</label>
                <input type="text" id="identifiant" name="Identifiant" value="{Pages.E(identifiant)}" autocomplete="username"
                       autocapitalize="none" spellcheck="false" required{decrit}>
              </div>
              <div>
                <label for="code">{t["activation.code"]}</label>
                <input type="text" id="code" name="Code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false"
                       aria-describedby="aide-code" required>
                <p class="aide" id="aide-code">{t["activation.aideCode"]}</p>
              </div>
              <button type="submit">{t["commun.continuer"]}</button>
              <p class="aide">{pasDeLettre}</p>
              <p class="aide"><a href="/connexion">{t["activation.dejaActiveLien"]}</a></p>
            </form>{educonnect}
            """, status);
    }

    /// <summary>The terms stay in French, the official text; another language gets one line saying so, in its words.</summary>
    private static IResult PageConditions(Textes t) => Pages.Html(t["activation.titreConditions"], t.Langue == Langues.Francais
        ? ConditionsUtilisation.Html
        : $"""<p class="aide" lang="{t.Langue}">{t["activation.conditionsEnFrancais"]}</p><div lang="fr" dir="ltr">{ConditionsUtilisation.Html}</div>""");

    private sealed record ContactsActuels(string? Email, string? Mobile);

    private static IResult PageCompte(HttpContext http, IAntiforgery antiforgery, TicketActivation ticket, ContactsActuels contacts, string? erreur,
        int status = 200)
    {
        var jeton = antiforgery.GetAndStoreTokens(http);
        var protection = http.RequestServices.GetRequiredService<IDataProtectionProvider>();
        var t = Textes.De(http);
        var bonjour = t.F("activation.bonjour", Pages.E(ticket.Prenom), Pages.E(ticket.Nom), $"<strong>{Pages.E(ticket.Identifiant)}</strong>");
        var jAccepte = t.F("commun.jAccepte", $"""<a href="{CheminConditions}" target="_blank">{t["commun.conditions"]}</a>""");
        return Pages.Html(t["activation.titreMotDePasse"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="{CheminCompte}">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="Ticket" value="{Pages.E(ticket.Proteger(protection))}">
              <p>{bonjour}</p>
              <div>
                <label for="motdepasse">{t["activation.motDePasse"]}</label>
                <input type="password" id="motdepasse" name="MotDePasse" autocomplete="new-password" minlength="10" maxlength="128" required
                       aria-describedby="aide-motdepasse">
                <p class="aide" id="aide-motdepasse">{t["activation.aideMotDePasse"]}</p>
              </div>
              <div>
                <label for="confirmation">{t["activation.confirmation"]}</label>
                <input type="password" id="confirmation" name="Confirmation" autocomplete="new-password" minlength="10" maxlength="128" required>
              </div>
              <fieldset>
                <legend>{t["activation.coordonnees"]}</legend>
                <p class="aide">{t["activation.aideCoordonnees"]}</p>
                <div>
                  <label for="mobile">{t["activation.mobile"]}</label>
                  <input type="tel" id="mobile" name="Mobile" value="{Pages.E(contacts.Mobile)}" autocomplete="tel" inputmode="tel">
                </div>
                <div>
                  <label for="email">{t["activation.courriel"]}</label>
                  <input type="email" id="email" name="Email" value="{Pages.E(contacts.Email)}" autocomplete="email" spellcheck="false">
                </div>
              </fieldset>
              <div class="choix">
                <input type="checkbox" id="conditions" name="Conditions" value="true" required>
                <label for="conditions">{jAccepte}</label>
              </div>
              <button type="submit">{t["commun.activerMonCompte"]}</button>
            </form>
            """, status);
    }
}
