using Dapper;
using Ent.Identite.Connexion;
using Ent.Identite.EduConnect;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>
/// Activating with EduConnect: when the EduConnect login (<see cref="ConnexionEduConnectEndpoints"/>) leads to an
/// account still to activate — found by the usual matching, or by the link made at an earlier try — the person accepts
/// the terms of use here, and the account becomes active without a password (EduConnect proves who they are; a password
/// can be chosen later with « Mot de passe oublié »). The external cookie carries EduConnect's word between the two
/// steps: the account is found again from it, never from the form.
/// </summary>
internal static class ActivationEduConnectEndpoints
{
    private const string Chemin = "/activation/educonnect";

    internal sealed class Formulaire
    {
        public bool Conditions { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Chemin, Activer).AllowAnonymous().ExcludeFromDescription();

    /// <summary>The terms step when the account waits for activation; null otherwise (the login goes on as before).</summary>
    public static async Task<IResult?> ProposerAsync(HttpContext http, Guid compteId, string retour, CancellationToken ct)
    {
        await using var conn = await http.RequestServices.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        var aActiver = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM identite.compte WHERE id = @compteId AND etat = 'a_activer')", new { compteId }, cancellationToken: ct));
        return aActiver ? Page(http, retour, erreur: null) : null;
    }

    private sealed record Active(Guid PersonneId, string Prenom, string Nom);

    private static async Task<IResult> Activer([FromForm] Formulaire form, HttpContext http, IOptions<EduConnectOptions> options,
        IdentitesExternes liens, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!options.Value.Active)
        {
            return Results.NotFound();
        }

        var retour = ConnexionEndpoints.ReturnUrlSur(form.ReturnUrl);
        var externe = await http.AuthenticateAsync(FederationEduConnect.SchemaExterne);
        var sujet = externe.Succeeded ? EduConnectClaims.Lire(externe.Principal.Claims).Sujet : null;
        var compteId = string.IsNullOrEmpty(sujet) ? null : await liens.TrouverCompteAsync(IdentitesExternes.EduConnect, sujet, ct);
        if (compteId is null)
        {
            var t = Textes.De(http);
            return Pages.Html(t["activation.titreExpiree"], $"""
                <p class="erreur" role="alert">{t["activation.educonnectExpiree"]}</p>
                <p><a class="bouton" href="/activation">{t["activation.revenir"]}</a></p>
                """, StatusCodes.Status400BadRequest);
        }

        if (!form.Conditions)
        {
            return Page(http, retour, Textes.De(http)["commun.accepterConditions"], StatusCodes.Status400BadRequest);
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var active = await conn.QuerySingleOrDefaultAsync<Active>(new CommandDefinition("""
            WITH c AS (
                UPDATE identite.compte SET etat = 'actif', active_le = @maintenant, conditions_acceptees_le = @maintenant
                WHERE id = @compteId AND etat = 'a_activer'
                RETURNING personne_id
            )
            SELECT p.id AS personne_id, p.prenom, p.nom FROM c JOIN identite.personne p ON p.id = c.personne_id
            """, new { compteId, maintenant }, tx, cancellationToken: ct));
        // The letters printed for this account open nothing any more.
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.code_activation SET remplace_le = @maintenant WHERE compte_id = @compteId AND utilise_le IS NULL AND remplace_le IS NULL
            """, new { compteId, maintenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        await http.SignOutAsync(FederationEduConnect.SchemaExterne);
        if (active is null)
        {
            // Activated meanwhile (another tab): the ordinary EduConnect login now opens it.
            return Results.LocalRedirect(ConnexionEduConnectEndpoints.Chemin + "?ReturnUrl=" + Uri.EscapeDataString(retour));
        }

        await ConnexionEndpoints.OuvrirSessionAsync(http, new CompteConnecte(active.PersonneId, active.Prenom, active.Nom));
        ActivationEndpoints.VersApplication(http);
        return Results.LocalRedirect(retour);
    }

    private static IResult Page(HttpContext http, string retour, string? erreur, int status = StatusCodes.Status200OK)
    {
        var t = Textes.De(http);
        var jeton = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var jAccepte = t.F("commun.jAccepte", $"""<a href="{ActivationEndpoints.CheminConditions}" target="_blank">{t["commun.conditions"]}</a>""");
        return Pages.Html(t["commun.activerMonCompte"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="{Chemin}">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{Pages.E(retour)}">
              <p>{t["activation.educonnectRetrouve"]}</p>
              <div class="choix">
                <input type="checkbox" id="conditions" name="Conditions" value="true" required>
                <label for="conditions">{jAccepte}</label>
              </div>
              <button type="submit">{t["commun.activerMonCompte"]}</button>
              <p class="aide">{t["activation.educonnectApres"]}</p>
            </form>
            """, status);
    }
}
