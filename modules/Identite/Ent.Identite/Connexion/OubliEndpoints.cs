using System.Security.Cryptography;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Moi;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenIddict.Abstractions;

namespace Ent.Identite.Connexion;

/// <summary>
/// /connexion/oubli — a forgotten password: a six-digit code sent by SMS (or e-mail when there is no mobile), valid
/// 15 minutes, five tries, then a new password. The answers never tell whether a login exists, nor does their timing:
/// the code is drawn and hashed (most of the work) whatever the login, and the same queries run. Three codes per
/// account and hour at most; twenty requests per address in 10 minutes, and twenty failures per address as for the
/// login (a wrong code counts as a failed login); a ceiling per instance (<see cref="LimiteGlobaleOubli"/>). A reset in
/// the days after a contact change alerts the previous contact as well.
/// </summary>
internal static class OubliEndpoints
{
    public static readonly TimeSpan DureeCode = TimeSpan.FromMinutes(15);
    public const int EssaisParCode = 5;
    public const int CodesParHeure = 3;
    public const int DemandesParAdresse = 20;
    public static readonly TimeSpan FenetreAdresse = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AlerteApresChangementContact = TimeSpan.FromDays(7);

    internal sealed class Demande
    {
        public string? Identifiant { get; set; }
    }

    internal sealed class NouveauMotDePasse
    {
        public string? Identifiant { get; set; }
        public string? Code { get; set; }
        public string? MotDePasse { get; set; }
        public string? Confirmation { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/connexion/oubli", (HttpContext http, IAntiforgery af) => PageDemande(http, af, null)).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(Langues.Filtre);
        app.MapPost("/connexion/oubli", Demander).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/connexion/oubli/code", (HttpContext http, IAntiforgery af, string? identifiant) => PageCode(http, af, identifiant, null))
            .AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(Langues.Filtre);
        app.MapPost("/connexion/oubli/code", Reinitialiser).AllowAnonymous().ExcludeFromDescription();
    }

    private sealed record Compte(Guid Id, Guid PersonneId, string? Email, string? Mobile);

    private static async Task<IResult> Demander([FromForm] Demande form, HttpContext http, IAntiforgery antiforgery,
        NpgsqlDataSource db, IMessagerie messagerie, LimiteGlobaleOubli limiteGlobale, TimeProvider clock, CancellationToken ct)
    {
        if (!limiteGlobale.Accepter(http))
        {
            return PageDemande(http, antiforgery, Textes.De(http)["commun.tropDeDemandes"], 429);
        }

        var identifiant = form.Identifiant?.Trim() ?? string.Empty;
        if (identifiant.Length == 0)
        {
            return PageDemande(http, antiforgery, Textes.De(http)["commun.saisirIdentifiant"], 400);
        }

        if (!await EnvoyerCodeAsync(http, db, messagerie, clock, identifiant, "actif", code =>
                $"Ent : votre code pour choisir un nouveau mot de passe est {code}. Il est valable 15 minutes. " +
                "Si vous n'avez rien demandé, ignorez ce message.", "reinitialisation", ct))
        {
            return PageDemande(http, antiforgery, Textes.De(http)["commun.tropDeDemandes"], 429);
        }

        // The same answer whether or not the login exists, has a contact, or asked too often.
        return Results.Redirect("/connexion/oubli/code?identifiant=" + Uri.EscapeDataString(identifiant));
    }

    /// <summary>
    /// Draws a six-digit code for the account with this login in state <paramref name="etat"/> (<c>actif</c> for a
    /// forgotten password, <c>a_activer</c> for an activation without the letter) and sends it to its mobile, or its
    /// e-mail when it has no mobile, through the outbox. The same work whatever the login (see the class); false only
    /// when the address asked too often (<c>Retry-After</c> is then set).
    /// </summary>
    internal static async Task<bool> EnvoyerCodeAsync(HttpContext http, NpgsqlDataSource db, IMessagerie messagerie, TimeProvider clock,
        string identifiant, string etat, Func<string, string> texteDuCode, string cle, CancellationToken ct)
    {
        // Drawn and hashed before knowing whether the login exists: the hash is most of the work, and an unknown login
        // must cost what a known one costs (the timing would otherwise tell which logins exist).
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var hash = MotsDePasse.Hasher.HashPassword(new object(), code);
        var maintenant = clock.GetUtcNow();
        var adresse = http.Connection.RemoteIpAddress;

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var demandesAdresse = adresse is null ? 0 : await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM identite.demande_oubli WHERE adresse = @adresse AND le > @depuis
            """, new { adresse, depuis = maintenant - FenetreAdresse }, tx, cancellationToken: ct));
        if (demandesAdresse >= DemandesParAdresse)
        {
            http.Response.Headers.RetryAfter = ((int)FenetreAdresse.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return false;
        }

        await conn.ExecuteAsync(new CommandDefinition("INSERT INTO identite.demande_oubli (le, adresse) VALUES (@maintenant, @adresse)",
            new { maintenant, adresse }, tx, cancellationToken: ct));
        var compte = await conn.QuerySingleOrDefaultAsync<Compte>(new CommandDefinition("""
            SELECT c.id, c.personne_id, p.email, p.mobile
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE lower(c.identifiant) = lower(@identifiant) AND c.etat = @etat
            FOR UPDATE OF c
            """, new { identifiant, etat }, tx, cancellationToken: ct));
        // Counted for an unknown login too (no account has the empty id): the same queries whatever the login.
        var codesRecents = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM identite.code_reinitialisation WHERE compte_id = @id AND cree_le > @depuis",
            new { id = compte?.Id ?? Guid.Empty, depuis = maintenant.AddHours(-1) }, tx, cancellationToken: ct));
        if (compte is not null && (compte.Mobile is not null || compte.Email is not null) && codesRecents < CodesParHeure)
        {
            var codeId = Guid.CreateVersion7();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO identite.code_reinitialisation (id, compte_id, code_hash, cree_le, expire_le) VALUES (@codeId, @Id, @hash, @maintenant, @expire)
                """, new { codeId, compte.Id, hash, maintenant, expire = maintenant + DureeCode }, tx, cancellationToken: ct));
            var texte = texteDuCode(code);
            var message = compte.Mobile is not null
                ? new MessageSortant(Canal.Sms, compte.Mobile, compte.PersonneId, "Code Ent", texte, $"{cle}:{codeId}")
                : new MessageSortant(Canal.Courriel, compte.Email, compte.PersonneId, "Votre code Ent", texte, $"{cle}:{codeId}");
            await messagerie.PlanifierAsync(message, conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    internal const string TropDeDemandes = "Trop de demandes : réessayez dans quelques minutes.";

    private sealed record CodeEnCours(Guid Id, Guid CompteId, Guid PersonneId, string Identifiant, string CodeHash, int Essais);

    private sealed record AncienContact(string Contact, string AncienneValeur);

    private static async Task<IResult> Reinitialiser([FromForm] NouveauMotDePasse form, HttpContext http, IAntiforgery antiforgery,
        NpgsqlDataSource db, IOpenIddictTokenManager jetons, IMessagerie messagerie, Comptes comptes, LimiteGlobaleOubli limiteGlobale,
        TimeProvider clock, CancellationToken ct)
    {
        var identifiant = form.Identifiant?.Trim() ?? string.Empty;
        if (!limiteGlobale.Accepter(http))
        {
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["commun.tropDeDemandes"], 429);
        }

        // Wrong codes count as failed logins of the address: past twenty in 10 minutes, no code is checked.
        if (await comptes.LimiteAdresseAsync(http.Connection.RemoteIpAddress, ct) is { } limite)
        {
            http.Response.Headers.RetryAfter = ((int)Comptes.Attente(limite).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["commun.tropDeTentatives"], 429);
        }

        if (identifiant.Length == 0 || string.IsNullOrWhiteSpace(form.Code))
        {
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["oubli.saisirCode"], 400);
        }

        if (MotsDePasse.Refus(form.MotDePasse, identifiant, Textes.De(http)) is { } refus)
        {
            return PageCode(http, antiforgery, identifiant, refus, 400);
        }

        if (form.MotDePasse != form.Confirmation)
        {
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["commun.motsDePasseDifferents"], 400);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var enCours = await conn.QuerySingleOrDefaultAsync<CodeEnCours>(new CommandDefinition("""
            SELECT r.id, r.compte_id, c.personne_id, c.identifiant, r.code_hash, r.essais
            FROM identite.code_reinitialisation r JOIN identite.compte c ON c.id = r.compte_id
            WHERE lower(c.identifiant) = lower(@identifiant) AND c.etat = 'actif'
              AND r.utilise_le IS NULL AND r.expire_le > @maintenant AND r.essais < @EssaisParCode
            ORDER BY r.cree_le DESC LIMIT 1
            FOR UPDATE OF r
            """, new { identifiant, maintenant = clock.GetUtcNow(), EssaisParCode }, tx, cancellationToken: ct));

        var bon = enCours is not null
                  && MotsDePasse.Hasher.VerifyHashedPassword(new object(), enCours.CodeHash, form.Code.Trim()) != PasswordVerificationResult.Failed;
        if (!bon)
        {
            if (enCours is not null)
            {
                await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.code_reinitialisation SET essais = essais + 1 WHERE id = @Id",
                    new { enCours.Id }, tx, cancellationToken: ct));
            }

            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO identite.tentative_connexion (identifiant, adresse, reussie, le) VALUES (lower(@identifiant), @adresse, false, @le)",
                new { identifiant, adresse = http.Connection.RemoteIpAddress, le = clock.GetUtcNow() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return PageCode(http, antiforgery, identifiant, Textes.De(http)["oubli.codeInvalide"], 400);
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.code_reinitialisation SET utilise_le = now() WHERE id = @Id;
            UPDATE identite.compte SET mot_de_passe_hash = @hash WHERE id = @CompteId;
            """, new { enCours!.Id, enCours.CompteId, hash = MotsDePasse.Hasher.HashPassword(new object(), form.MotDePasse!) }, tx, cancellationToken: ct));
        // A contact changed lately and then a reset: the way an account is taken. The previous contact hears of it.
        var anciens = await conn.QueryAsync<AncienContact>(new CommandDefinition("""
            SELECT DISTINCT contact, ancienne_valeur FROM identite.changement_contact
            WHERE personne_id = @PersonneId AND confirme_le > @depuis AND ancienne_valeur IS NOT NULL
            """, new { enCours.PersonneId, depuis = clock.GetUtcNow() - AlerteApresChangementContact }, tx, cancellationToken: ct));
        await messagerie.PlanifierAsync([.. anciens.Select(a => a.Contact == Contacts.Email
            ? new MessageSortant(Canal.Courriel, a.AncienneValeur, enCours.PersonneId, "Mot de passe réinitialisé",
                "Le mot de passe de votre compte Ent vient d'être réinitialisé, peu après un changement de ses coordonnées. " +
                "Si ce n'est pas vous, contactez l'établissement.", $"alerte-reinitialisation:{enCours.Id:N}:email:{a.AncienneValeur}")
            : new MessageSortant(Canal.Sms, a.AncienneValeur, enCours.PersonneId, "Mot de passe réinitialisé",
                "Ent : le mot de passe de votre compte vient d'être réinitialisé, peu après un changement de vos coordonnées. " +
                "Si ce n'est pas vous, contactez l'établissement.", $"alerte-reinitialisation:{enCours.Id:N}:mobile:{a.AncienneValeur}"))],
            conn, tx, ct);
        await tx.CommitAsync(ct);
        await jetons.RevokeBySubjectAsync(enCours.PersonneId.ToString(), ct);
        var t = Textes.De(http);
        return Pages.Html(t["oubli.titreModifie"], $"""
            <p>{t["oubli.modifie"]}</p>
            <p><a href="/connexion">{t["commun.seConnecter"]}</a></p>
            """);
    }

    private static IResult PageDemande(HttpContext http, IAntiforgery antiforgery, string? erreur, int status = 200)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html(t["oubli.titre"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="/connexion/oubli">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <p>{t["oubli.explication"]}</p>
              <div>
                <label for="identifiant">{t["commun.identifiant"]}</label>
                <input type="text" id="identifiant" name="Identifiant" autocomplete="username" autocapitalize="none" spellcheck="false" required>
              </div>
              <button type="submit">{t["commun.recevoirCode"]}</button>
              <p class="aide">{t["oubli.aide"]}</p>
            </form>
            """, status);
    }

    private static IResult PageCode(HttpContext http, IAntiforgery antiforgery, string? identifiant, string? erreur, int status = 200)
    {
        var t = Textes.De(http);
        var jeton = antiforgery.GetAndStoreTokens(http);
        return Pages.Html(t["oubli.titreCode"], $"""
            {Pages.Alerte(erreur)}
            <form method="post" action="/connexion/oubli/code">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <p>{t["oubli.envoye"]}</p>
              <div>
                <label for="identifiant">{t["commun.identifiant"]}</label>
                <input type="text" id="identifiant" name="Identifiant" value="{Pages.E(identifiant)}" autocomplete="username" autocapitalize="none" required>
              </div>
              <div>
                <label for="code">{t["oubli.codeRecu"]}</label>
                <input type="text" id="code" name="Code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{"{6}"}" required>
              </div>
              <div>
                <label for="motdepasse">{t["oubli.nouveau"]}</label>
                <input type="password" id="motdepasse" name="MotDePasse" autocomplete="new-password" minlength="10" required>
              </div>
              <div>
                <label for="confirmation">{t["oubli.confirmer"]}</label>
                <input type="password" id="confirmation" name="Confirmation" autocomplete="new-password" minlength="10" required>
              </div>
              <button type="submit">{t["oubli.enregistrer"]}</button>
            </form>
            """, status);
    }
}
