using System.Text.RegularExpressions;
using Ent.Identite.Connexion;
using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Identite.EduConnect;

/// <summary>
/// Logging in with EduConnect. <c>GET /connexion/educonnect</c> sends the browser to EduConnect; the OIDC handler
/// validates the answer at <see cref="FederationEduConnect.CheminRetour"/> and keeps the person in the short-lived external
/// cookie; <c>GET /connexion/educonnect/fin</c> then finds the account — by the link made at the first login, else by
/// matching (one account: linked at once; several: the person chooses at <c>POST /connexion/educonnect/choix</c>; none:
/// the school must be contacted) — and only then opens Ent's session. An account is never created from EduConnect's word.
/// Server-rendered pages, no script; not part of the API document.
/// </summary>
internal static partial class ConnexionEduConnectEndpoints
{
    public const string Chemin = "/connexion/educonnect";
    private const string CheminFin = "/connexion/educonnect/fin";
    private const string CheminChoix = "/connexion/educonnect/choix";
    private const string Categorie = "Ent.Identite.EduConnect.Connexion";

    internal sealed class FormulaireChoix
    {
        public string? CompteId { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Chemin, Commencer).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(CheminFin, Terminer).AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(Langues.Filtre);
        app.MapPost(CheminChoix, Choisir).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> Commencer(HttpContext http, IOptions<EduConnectOptions> options, ILoggerFactory logs, string? returnUrl)
    {
        if (!options.Value.Active)
        {
            return Results.NotFound();
        }

        var retour = ConnexionEndpoints.ReturnUrlSur(returnUrl);
        var proprietes = new AuthenticationProperties { RedirectUri = CheminFin + "?ReturnUrl=" + Uri.EscapeDataString(retour) };
        try
        {
            await http.ChallengeAsync(FederationEduConnect.Schema, proprietes);
            return Results.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            // EduConnect's discovery document could not be read: a page, not a 500.
            LogIndisponible(logs.CreateLogger(Categorie), http.TraceIdentifier, Cause(e));
            return Page(http, "educonnect.titreImpossible", "educonnect.indisponible", StatusCodes.Status502BadGateway, reference: true);
        }
    }

    private static async Task<IResult> Terminer(HttpContext http, IOptions<EduConnectOptions> options, IAntiforgery antiforgery,
        CorrespondanceEduConnect correspondance, IdentitesExternes liens, Comptes comptes, ILoggerFactory logs, string? returnUrl, CancellationToken ct)
    {
        if (!options.Value.Active)
        {
            return Results.NotFound();
        }

        var log = logs.CreateLogger(Categorie);
        var retour = ConnexionEndpoints.ReturnUrlSur(returnUrl);
        var personne = await PersonneAsync(http);
        if (personne is null)
        {
            return Expiree(http);
        }

        // Later logins: the link alone decides, matching is not run again (the directory may have changed since).
        if (await liens.TrouverCompteAsync(IdentitesExternes.EduConnect, personne.Sujet, ct) is { } compteLie)
        {
            return await ConnecterAsync(http, comptes, log, personne, compteLie, retour, ct);
        }

        var candidats = await correspondance.TrouverAsync(personne, ct);
        switch (candidats.Count)
        {
            case 0:
                await http.SignOutAsync(FederationEduConnect.SchemaExterne);
                return Introuvable(http);
            case 1:
                return await LierEtConnecterAsync(http, liens, comptes, log, personne, candidats[0], retour, ct);
            default:
                // The external cookie stays: the choice is checked against it.
                return PageChoix(http, antiforgery, candidats, retour, erreur: null);
        }
    }

    private static async Task<IResult> Choisir([FromForm] FormulaireChoix form, HttpContext http, IOptions<EduConnectOptions> options,
        IAntiforgery antiforgery, CorrespondanceEduConnect correspondance, IdentitesExternes liens, Comptes comptes, ILoggerFactory logs,
        CancellationToken ct)
    {
        if (!options.Value.Active)
        {
            return Results.NotFound();
        }

        var log = logs.CreateLogger(Categorie);
        var retour = ConnexionEndpoints.ReturnUrlSur(form.ReturnUrl);
        var personne = await PersonneAsync(http);
        if (personne is null)
        {
            return Expiree(http);
        }

        // The posted id proves nothing by itself: it must be one of the accounts that matching finds again, now, for
        // the person EduConnect vouched for (the external cookie), or anyone could link their EduConnect to any account.
        var candidats = await correspondance.TrouverAsync(personne, ct);
        if (candidats.Count == 0)
        {
            await http.SignOutAsync(FederationEduConnect.SchemaExterne);
            return Introuvable(http);
        }

        var choisi = Guid.TryParse(form.CompteId, out var compteId) ? candidats.FirstOrDefault(c => c.CompteId == compteId) : null;
        if (choisi is null)
        {
            LogChoixRefuse(log, personne.Sujet, http.TraceIdentifier);
            return PageChoix(http, antiforgery, candidats, retour, Textes.De(http)["educonnect.choisirUn"]);
        }

        return await LierEtConnecterAsync(http, liens, comptes, log, personne, choisi, retour, ct);
    }

    /// <summary>The person the handler validated, from the external cookie; null when it has expired or never was.</summary>
    private static async Task<PersonneEduConnect?> PersonneAsync(HttpContext http)
    {
        var externe = await http.AuthenticateAsync(FederationEduConnect.SchemaExterne);
        if (!externe.Succeeded)
        {
            return null;
        }

        var personne = EduConnectClaims.Lire(externe.Principal.Claims);
        return string.IsNullOrEmpty(personne.Sujet) ? null : personne;
    }

    private static async Task<IResult> LierEtConnecterAsync(HttpContext http, IdentitesExternes liens, Comptes comptes, ILogger log,
        PersonneEduConnect personne, CandidatEduConnect candidat, string retour, CancellationToken ct)
    {
        var resultat = await liens.LierAsync(IdentitesExternes.EduConnect, personne.Sujet, candidat.CompteId, personne.Identifiants, ct);
        if (resultat is ResultatLiaison.Liee or ResultatLiaison.DejaLiee)
        {
            return await ConnecterAsync(http, comptes, log, personne, candidat.CompteId, retour, ct);
        }

        await http.SignOutAsync(FederationEduConnect.SchemaExterne);
        return resultat switch
        {
            // Someone else's EduConnect already signs in to this account (e.g. the other guardian with the same name):
            // never taken over; the school checks who is who.
            ResultatLiaison.CompteLieAUnAutreSujet => Page(http, "educonnect.titreRefusee", "educonnect.lieAutreSujet", StatusCodes.Status409Conflict),
            ResultatLiaison.SujetLieAUnAutreCompte => Page(http, "educonnect.titreRefusee", "educonnect.lieAutreCompte", StatusCodes.Status409Conflict),
            _ => Introuvable(http),
        };
    }

    private static async Task<IResult> ConnecterAsync(HttpContext http, Comptes comptes, ILogger log, PersonneEduConnect personne,
        Guid compteId, string retour, CancellationToken ct)
    {
        var compte = await comptes.ActifParCompteAsync(compteId, ct);
        if (compte is null && await Activation.ActivationEduConnectEndpoints.ProposerAsync(http, compteId, retour, ct) is { } conditions)
        {
            // An account still to activate: the terms step, with the external cookie kept (it proves who accepts).
            return conditions;
        }

        await http.SignOutAsync(FederationEduConnect.SchemaExterne);
        if (compte is null)
        {
            LogCompteInactif(log, personne.Sujet, compteId);
            return Page(http, "educonnect.titreRefusee", "educonnect.inactif", StatusCodes.Status403Forbidden);
        }

        await ConnexionEndpoints.OuvrirSessionAsync(http, compte);
        LogConnecte(log, personne.Sujet, compteId);
        return Results.LocalRedirect(retour);
    }

    /// <summary>OnRemoteFailure: a bad or replayed answer from EduConnect, or the person cancelled there.</summary>
    public static async Task EchecAsync(RemoteFailureContext contexte)
    {
        var http = contexte.HttpContext;
        // The reference is the request's correlation id: the page shows it, the log line carries it with the cause only.
        LogEchec(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Categorie), http.TraceIdentifier, Cause(contexte.Failure));
        contexte.HandleResponse();
        await Page(http, "educonnect.titreImpossible", "educonnect.echec", StatusCodes.Status400BadRequest, reference: true).ExecuteAsync(http);
    }

    /// <summary>The IdentityModel code (IDX…) or the exception's type: never its message, which may quote the token.</summary>
    private static string Cause(Exception? e) =>
        e is null ? "inconnue"
        : CodeIdx().Match(e.Message) is { Success: true } code ? code.Value
        : e.Message == "Correlation failed." ? "correlation"
        : e.GetType().Name;

    [GeneratedRegex(@"\bIDX\d{5}\b")]
    private static partial Regex CodeIdx();

    private static IResult Expiree(HttpContext http) => Page(http, "educonnect.titreExpiree", "educonnect.expiree", StatusCodes.Status400BadRequest);

    // 404: there is no account for this person here, which is what the page says. Nothing is created or linked.
    private static IResult Introuvable(HttpContext http) => Page(http, "educonnect.titreIntrouvable", "educonnect.introuvable",
        StatusCodes.Status404NotFound);

    /// <summary>An error page: its title and message are keys of the catalogues (<see cref="Textes"/>).</summary>
    private static IResult Page(HttpContext http, string titre, string message, int status, bool reference = false)
    {
        var t = Textes.De(http);
        var ligneReference = reference
            ? $"""<p class="aide">{t.F("educonnect.reference", Pages.E(http.TraceIdentifier))}</p>"""
            : string.Empty;
        return Pages.Html(t[titre], $"""
            <p class="erreur" role="alert">{Pages.E(t[message])}</p>
            {ligneReference}
            <p><a class="bouton" href="/connexion">{t["commun.revenirConnexion"]}</a></p>
            """, status);
    }

    // The profiles' names: keys of the catalogues (profil.eleve…).
    private static readonly Dictionary<string, string> LibellesProfils = new(StringComparer.Ordinal)
    {
        [Profils.Eleve] = "profil.eleve",
        [Profils.Responsable] = "profil.responsable",
        [Profils.Enseignant] = "profil.enseignant",
        [Profils.Personnel] = "profil.personnel",
    };

    /// <summary>Display name and profile only: the page is shown before the person is known to be any of them.</summary>
    private static IResult PageChoix(HttpContext http, IAntiforgery antiforgery, IReadOnlyList<CandidatEduConnect> candidats, string retour,
        string? erreur)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        var alerte = erreur is null ? string.Empty : $"""<p class="erreur" role="alert">{Pages.E(erreur)}</p>""";
        var choix = string.Concat(candidats.Select((c, i) => $"""
                <div class="choix">
                  <input type="radio" id="compte-{i}" name="CompteId" value="{c.CompteId}" required>
                  <label for="compte-{i}">{Pages.E(c.NomAffiche)} — {Pages.E(LibellesProfils.TryGetValue(c.Profil, out var cle) ? t[cle] : c.Profil)}</label>
                </div>
            """));
        return Pages.Html(t["educonnect.titreChoix"], $"""
            {alerte}
            <form method="post" action="{CheminChoix}">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{Pages.E(retour)}">
              <fieldset>
                <legend>{t["educonnect.legendeChoix"]}</legend>
            {choix}
              </fieldset>
              <button type="submit">{t["commun.continuer"]}</button>
              <p class="aide">{t["educonnect.aideChoix"]}</p>
            </form>
            """, erreur is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "EduConnect {Sujet} connecté au compte {CompteId}")]
    private static partial void LogConnecte(ILogger logger, string sujet, Guid compteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EduConnect {Sujet} : compte {CompteId} inactif, connexion refusée")]
    private static partial void LogCompteInactif(ILogger logger, string sujet, Guid compteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EduConnect {Sujet} : compte choisi hors des candidats, refusé [{Reference}]")]
    private static partial void LogChoixRefuse(ILogger logger, string sujet, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connexion EduConnect échouée [{Reference}] : {Cause}")]
    private static partial void LogEchec(ILogger logger, string reference, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "EduConnect injoignable [{Reference}] : {Cause}")]
    private static partial void LogIndisponible(ILogger logger, string reference, string cause);
}
