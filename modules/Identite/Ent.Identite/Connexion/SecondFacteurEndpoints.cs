using Ent.Identite.DoubleAuthentification;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Ent.Identite.Connexion;

/// <summary>
/// The login's second step, after a right password: POST /connexion/code checks the code of an account that has a
/// second factor; POST /connexion/double-authentification finishes the setup that an établissement requires of its
/// staff. Both carry a <see cref="TicketConnexion"/>, and sign in only when the code is right.
/// </summary>
internal static class SecondFacteurEndpoints
{
    internal sealed class FormulaireCode
    {
        public string? Ticket { get; set; }
        public string? Code { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/connexion/code", VerifierCode).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/connexion/double-authentification", TerminerEnrolement).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> VerifierCode([FromForm] FormulaireCode form, HttpContext http, IAntiforgery antiforgery,
        IDataProtectionProvider protection, Comptes comptes, SecondFacteur secondFacteur, CancellationToken ct)
    {
        var ticket = TicketConnexion.Lire(protection, form.Ticket, TicketConnexion.Code);
        if (ticket is null)
        {
            return ConnexionEndpoints.Expiree(http, antiforgery);
        }

        if (!SecondFacteur.FormatValide(form.Code))
        {
            return PageCode(http, antiforgery, protection, ticket, "Saisissez les 6 chiffres affichés par votre application, ou un code de secours.", 400);
        }

        var verdict = await comptes.EssaiCodeAsync(ticket.Identifiant, http.Connection.RemoteIpAddress,
            () => secondFacteur.VerifierAsync(ticket.PersonneId, form.Code!, ct), ct);
        if (verdict == Verdict.Accepte)
        {
            await ConnexionEndpoints.OuvrirSessionAsync(http, new CompteConnecte(ticket.PersonneId, ticket.Prenom, ticket.Nom), ticket.ResterConnecte);
            return Results.LocalRedirect(ticket.ReturnUrl);
        }

        return verdict == Verdict.Refuse
            ? PageCode(http, antiforgery, protection, ticket, "Code incorrect ou déjà utilisé. Attendez le code suivant et réessayez.", 401)
            : ConnexionEndpoints.Limite(http, antiforgery, ticket.ReturnUrl, verdict);
    }

    private static async Task<IResult> TerminerEnrolement([FromForm] FormulaireCode form, HttpContext http, IAntiforgery antiforgery,
        IDataProtectionProvider protection, Comptes comptes, SecondFacteur secondFacteur, CancellationToken ct)
    {
        var ticket = TicketConnexion.Lire(protection, form.Ticket, TicketConnexion.Enrolement);
        var enrolement = ticket is null ? null : await secondFacteur.EnCoursAsync(ticket.PersonneId, ticket.Identifiant, ct);
        if (ticket is null || enrolement is null)
        {
            return ConnexionEndpoints.Expiree(http, antiforgery);
        }

        if (SecondFacteur.Normaliser(form.Code).Length != 6)
        {
            return PageEnrolement(http, antiforgery, protection, ticket, enrolement, "Saisissez les 6 chiffres affichés par votre application.", 400);
        }

        string[]? codesSecours = null;
        var verdict = await comptes.EssaiCodeAsync(ticket.Identifiant, http.Connection.RemoteIpAddress, async () =>
        {
            codesSecours = await secondFacteur.ConfirmerAsync(ticket.PersonneId, form.Code!, ct);
            return codesSecours is not null;
        }, ct);
        if (verdict == Verdict.Accepte)
        {
            await ConnexionEndpoints.OuvrirSessionAsync(http, new CompteConnecte(ticket.PersonneId, ticket.Prenom, ticket.Nom), ticket.ResterConnecte);
            return PageCodesSecours(codesSecours!, ticket.ReturnUrl);
        }

        return verdict == Verdict.Refuse
            ? PageEnrolement(http, antiforgery, protection, ticket, enrolement, "Code incorrect. Vérifiez la clé saisie dans l'application et l'heure du téléphone, puis réessayez.", 401)
            : ConnexionEndpoints.Limite(http, antiforgery, ticket.ReturnUrl, verdict);
    }

    public static IResult PageCode(HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TicketConnexion ticket,
        string? erreur = null, int status = 200)
    {
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html("Code de vérification", $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="/connexion/code">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="Ticket" value="{Pages.E(ticket.Proteger(protection))}">
              <div>
                <label for="code">Code de vérification</label>
                <input type="text" id="code" name="Code" inputmode="numeric" autocomplete="one-time-code" maxlength="20"
                       required aria-describedby="{(erreur is null ? "" : "erreur ")}aide-code">
              </div>
              <p class="aide" id="aide-code">Le code à 6 chiffres affiché par votre application d'authentification. Téléphone perdu ? Saisissez l'un de vos codes de secours.</p>
              <button type="submit">Valider</button>
            </form>
            """, status);
    }

    public static IResult PageEnrolement(HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TicketConnexion ticket,
        Enrolement enrolement, string? erreur = null, int status = 200)
    {
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html("Activer la double authentification", $"""
            {Pages.Alerte(erreur)}
            <p>Votre établissement demande aux personnels une double authentification : en plus du mot de passe, chaque
            connexion demandera un code à 6 chiffres donné par une application d'authentification sur votre téléphone
            (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…).</p>
            <ol>
              <li>Dans l'application, ajoutez un compte avec cette clé : <code id="secret">{Pages.E(enrolement.Secret)}</code></li>
              <li>Ou, si elle le permet, ouvrez ce lien : <code id="otpauth">{Pages.E(enrolement.Uri)}</code></li>
              <li>Saisissez ci-dessous le code qu'elle affiche.</li>
            </ol>
            <form method="post" action="/connexion/double-authentification">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="Ticket" value="{Pages.E(ticket.Proteger(protection))}">
              <div>
                <label for="code">Code de vérification</label>
                <input type="text" id="code" name="Code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required>
              </div>
              <button type="submit">Activer et se connecter</button>
            </form>
            """, status);
    }

    private static IResult PageCodesSecours(string[] codes, string returnUrl) => Pages.Html("Vos codes de secours", $"""
        <p>La double authentification est active. Si vous perdez votre téléphone, chacun de ces codes remplace une fois le
        code de l'application. Notez-les ou imprimez-les maintenant et gardez-les en lieu sûr : ils ne seront plus affichés.</p>
        <ul class="codes">
        {string.Join("\n", codes.Select(c => $"  <li><code>{Pages.E(c)}</code></li>"))}
        </ul>
        <p><a class="bouton" href="{Pages.E(returnUrl)}">Continuer</a></p>
        """);
}
