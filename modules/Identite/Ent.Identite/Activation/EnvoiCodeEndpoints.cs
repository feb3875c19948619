using Ent.Communication.Contracts;
using Ent.Identite.Connexion;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>
/// /activation/envoi — « Je n'ai pas de lettre »: a six-digit code sent to the mobile (or else the e-mail address) the
/// directory import gave, for an account still to activate. The forgotten-password flow's sending, limits and
/// equal work for unknown logins (<see cref="OubliEndpoints.EnvoyerCodeAsync"/>); the code is then typed on /activation.
/// </summary>
internal static class EnvoiCodeEndpoints
{
    public const string Chemin = "/activation/envoi";

    internal sealed class Demande
    {
        public string? Identifiant { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Chemin, (HttpContext http, IAntiforgery af) => Page(http, af, null)).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(Langues.Filtre);
        app.MapPost(Chemin, Envoyer).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> Envoyer([FromForm] Demande form, HttpContext http, IAntiforgery antiforgery, NpgsqlDataSource db,
        IMessagerie messagerie, LimiteGlobaleOubli limiteGlobale, TimeProvider clock, CancellationToken ct)
    {
        if (!limiteGlobale.Accepter(http))
        {
            return Page(http, antiforgery, Textes.De(http)["commun.tropDeDemandes"], 429);
        }

        var identifiant = form.Identifiant?.Trim() ?? string.Empty;
        if (identifiant.Length == 0)
        {
            return Page(http, antiforgery, Textes.De(http)["commun.saisirIdentifiant"], 400);
        }

        if (!await OubliEndpoints.EnvoyerCodeAsync(http, db, messagerie, clock, identifiant, "a_activer", code =>
                $"Ent : votre code pour activer votre compte est {code}. Il est valable 15 minutes. " +
                "Si vous n'avez rien demandé, ignorez ce message.", "activation", ct))
        {
            return Page(http, antiforgery, Textes.De(http)["commun.tropDeDemandes"], 429);
        }

        // The same answer whether or not the login exists, waits for activation, has a contact, or asked too often.
        return Results.Redirect(ActivationEndpoints.Chemin + "?envoi=1&identifiant=" + Uri.EscapeDataString(identifiant));
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? erreur, int status = 200)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html(t["activation.titreEnvoi"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="{Chemin}">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <p>{t["activation.envoiExplication"]}</p>
              <div>
                <label for="identifiant">{t["commun.identifiant"]}</label>
                <input type="text" id="identifiant" name="Identifiant" autocomplete="username" autocapitalize="none" spellcheck="false" required
                       aria-describedby="aide-identifiant">
                <p class="aide" id="aide-identifiant">{t["activation.aideIdentifiant"]}</p>
              </div>
              <button type="submit">{t["commun.recevoirCode"]}</button>
              <p class="aide">{t["activation.envoiAide"]}</p>
            </form>
            """, status);
    }
}
