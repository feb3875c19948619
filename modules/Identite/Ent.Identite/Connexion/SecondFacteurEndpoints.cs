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

        Langues.DuCompte(http, await comptes.LangueAsync(ticket.PersonneId, ct));
        if (!SecondFacteur.FormatValide(form.Code))
        {
            return PageCode(http, antiforgery, protection, ticket, Textes.De(http)["deuxFacteur.formatCode"], 400);
        }

        var verdict = await comptes.EssaiCodeAsync(ticket.Identifiant, http.Connection.RemoteIpAddress,
            () => secondFacteur.VerifierAsync(ticket.PersonneId, form.Code!, ct), ct);
        if (verdict == Verdict.Accepte)
        {
            await ConnexionEndpoints.OuvrirSessionAsync(http, new CompteConnecte(ticket.PersonneId, ticket.Prenom, ticket.Nom), ticket.ResterConnecte);
            return Results.LocalRedirect(ticket.ReturnUrl);
        }

        return verdict == Verdict.Refuse
            ? PageCode(http, antiforgery, protection, ticket, Textes.De(http)["deuxFacteur.codeIncorrect"], 401)
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

        Langues.DuCompte(http, await comptes.LangueAsync(ticket.PersonneId, ct));
        if (SecondFacteur.Normaliser(form.Code).Length != 6)
        {
            return PageEnrolement(http, antiforgery, protection, ticket, enrolement, Textes.De(http)["deuxFacteur.formatEnrolement"], 400);
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
            return PageCodesSecours(Textes.De(http), codesSecours!, ticket.ReturnUrl);
        }

        return verdict == Verdict.Refuse
            ? PageEnrolement(http, antiforgery, protection, ticket, enrolement, Textes.De(http)["deuxFacteur.enrolementIncorrect"], 401)
            : ConnexionEndpoints.Limite(http, antiforgery, ticket.ReturnUrl, verdict);
    }

    public static IResult PageCode(HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TicketConnexion ticket,
        string? erreur = null, int status = 200)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html(t["commun.codeVerification"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="/connexion/code">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="Ticket" value="{Pages.E(ticket.Proteger(protection))}">
              <div>
                <label for="code">{t["commun.codeVerification"]}</label>
                <input type="text" id="code" name="Code" inputmode="numeric" autocomplete="one-time-code" maxlength="20"
                       required aria-describedby="{(erreur is null ? "" : "erreur ")}aide-code">
              </div>
              <p class="aide" id="aide-code">{t["deuxFacteur.aideCode"]}</p>
              <button type="submit">{t["deuxFacteur.valider"]}</button>
            </form>
            """, status);
    }

    public static IResult PageEnrolement(HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection, TicketConnexion ticket,
        Enrolement enrolement, string? erreur = null, int status = 200)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html(t["deuxFacteur.titreEnrolement"], $"""
            {Pages.Alerte(erreur)}
            <p>{t["deuxFacteur.explication"]}</p>
            <ol>
              <li>{t["deuxFacteur.etapeCle"]} <code id="secret">{Pages.E(enrolement.Secret)}</code></li>
              <li>{t["deuxFacteur.etapeLien"]} <code id="otpauth">{Pages.E(enrolement.Uri)}</code></li>
              <li>{t["deuxFacteur.etapeCode"]}</li>
            </ol>
            <form method="post" action="/connexion/double-authentification">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="Ticket" value="{Pages.E(ticket.Proteger(protection))}">
              <div>
                <label for="code">{t["commun.codeVerification"]}</label>
                <input type="text" id="code" name="Code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required>
              </div>
              <button type="submit">{t["deuxFacteur.activerEtConnecter"]}</button>
            </form>
            """, status);
    }

    private static IResult PageCodesSecours(Textes t, string[] codes, string returnUrl) => Pages.Html(t["deuxFacteur.titreSecours"], $"""
        <p>{t["deuxFacteur.secours"]}</p>
        <ul class="codes">
        {string.Join("\n", codes.Select(c => $"  <li><code>{Pages.E(c)}</code></li>"))}
        </ul>
        <p><a class="bouton" href="{Pages.E(returnUrl)}">{t["commun.continuer"]}</a></p>
        """);
}
