using System.Globalization;
using System.Net;
using Dapper;
using Ent.Identite.DoubleAuthentification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Ent.Identite.Connexion;

/// <summary>The outcome of a login attempt. Deliberately says nothing about whether the login exists.</summary>
internal enum Verdict
{
    Accepte,
    Refuse,
    Verrouille,
    TropDeTentatives,

    /// <summary>The password is right and the account has a second factor: a code is still needed.</summary>
    CodeRequis,

    /// <summary>The password is right, the établissement requires a second factor and the account has none yet.</summary>
    EnrolementRequis,

    /// <summary>
    /// The account waits for its activation (imported, no password yet): the person is sent to /activation. Still a
    /// failed attempt for the lockout, and the same work as any other answer.
    /// </summary>
    AActiver,
}

internal sealed record CompteConnecte(Guid PersonneId, string Prenom, string Nom);

/// <summary>
/// Password check with lockout and rate limits kept in the database (shared by every instance):
/// five failures for one login lock it for 15 minutes, twenty failures from one address in 10 minutes stop that
/// address for 10 minutes. A login that does not exist is treated exactly like one that does, password hashing
/// included, so neither the answer nor its timing tells whether it exists.
/// </summary>
internal sealed class Comptes(NpgsqlDataSource db, TimeProvider clock)
{
    public const int EchecsAvantVerrouillage = 5;
    public static readonly TimeSpan DureeVerrouillage = TimeSpan.FromMinutes(15);
    public const int EchecsParAdresse = 20;
    public static readonly TimeSpan FenetreAdresse = TimeSpan.FromMinutes(10);

    private static readonly PasswordHasher<object> Hasher = new();

    // Verified when the login is unknown, so that an unknown login costs the same time as a known one.
    private static readonly string LeurreHash = Hasher.HashPassword(new object(), Guid.NewGuid().ToString());

    private sealed record Compte(Guid PersonneId, string? MotDePasseHash, string Etat, string Prenom, string Nom, bool MfaActif, bool MfaRequis);

    public async Task<(Verdict Verdict, CompteConnecte? Compte)> VerifierAsync(string identifiant, string motDePasse, IPAddress? adresse, CancellationToken ct)
    {
        var cle = Cle(identifiant);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await VerrouillerEtLimiterAsync(conn, tx, cle, adresse, ct) is { } limite)
        {
            return (limite, null);
        }

        var compte = await conn.QuerySingleOrDefaultAsync<Compte>(new CommandDefinition("""
            SELECT c.personne_id, c.mot_de_passe_hash, c.etat, p.prenom, p.nom,
                   (c.secret_mfa IS NOT NULL AND c.mfa_confirme_le IS NOT NULL) AS mfa_actif,
            """ + SecondFacteur.ConditionRequise + """
             AS mfa_requis
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE lower(c.identifiant) = @cle
            """, new { cle }, tx, cancellationToken: ct));

        var verifie = Hasher.VerifyHashedPassword(new object(), compte?.MotDePasseHash ?? LeurreHash, motDePasse);
        var accepte = compte is { Etat: "actif" } && verifie != PasswordVerificationResult.Failed;

        if (!accepte)
        {
            await EnregistrerAsync(conn, tx, cle, adresse, reussie: false, ct);
            await tx.CommitAsync(ct);
            // Logins are made from names (prenom.nom), so telling that one waits for activation gives away little, and
            // it spares a family with a letter in hand the « mot de passe incorrect » it could never get past.
            return (compte is { Etat: "a_activer" } ? Verdict.AActiver : Verdict.Refuse, null);
        }

        var connecte = new CompteConnecte(compte!.PersonneId, compte.Prenom, compte.Nom);
        if (compte.MfaActif || compte.MfaRequis)
        {
            // Not a success yet: recording one would reset the failures, and with them the lockout that bounds the
            // guessing of codes by someone who knows the password.
            return (compte.MfaActif ? Verdict.CodeRequis : Verdict.EnrolementRequis, connecte);
        }

        await EnregistrerAsync(conn, tx, cle, adresse, reussie: true, ct);
        await tx.CommitAsync(ct);
        return (Verdict.Accepte, connecte);
    }

    /// <summary>
    /// A second-factor code, under the same lockout and rate limits as passwords: a wrong code is a failed attempt for
    /// the login, a right one its success.
    /// </summary>
    public Task<Verdict> EssaiCodeAsync(string identifiant, IPAddress? adresse, Func<Task<bool>> verifier, CancellationToken ct) =>
        EssaiAsync(identifiant, adresse, verifier, ct);

    /// <summary>
    /// Any proof of identity for a login outside the login page (the current password when changing it or the contacts),
    /// under the login's lockout and the address's limit: a wrong answer is a failed attempt, a right one a success.
    /// </summary>
    public async Task<Verdict> EssaiAsync(string identifiant, IPAddress? adresse, Func<Task<bool>> verifier, CancellationToken ct)
    {
        var cle = Cle(identifiant);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await VerrouillerEtLimiterAsync(conn, tx, cle, adresse, ct) is { } limite)
        {
            return limite;
        }

        var accepte = await verifier();
        await EnregistrerAsync(conn, tx, cle, adresse, accepte, ct);
        await tx.CommitAsync(ct);
        return accepte ? Verdict.Accepte : Verdict.Refuse;
    }

    /// <summary>
    /// Whether an address has failed too often lately (twenty failures in 10 minutes), for the pages that check other
    /// secrets than a login's (the reset code): <see cref="Verdict.TropDeTentatives"/> or null.
    /// </summary>
    public async Task<Verdict?> LimiteAdresseAsync(IPAddress? adresse, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await LimiteAdresseAsync(conn, null, adresse, ct);
    }

    /// <summary>How long a limited caller should wait, for the <c>Retry-After</c> header.</summary>
    public static TimeSpan Attente(Verdict verdict) => verdict == Verdict.Verrouille ? DureeVerrouillage : FenetreAdresse;

    /// <summary>
    /// 429 in French for an API call stopped by the lockout or the address limit, with <c>Retry-After</c> (the longest
    /// wait the limit may impose, so that a client that obeys it is not stopped again).
    /// </summary>
    public static ProblemHttpResult TropDeTentatives(HttpContext http, Verdict verdict)
    {
        http.Response.Headers.RetryAfter = ((int)Attente(verdict).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(verdict == Verdict.Verrouille
                ? "Trop d'essais infructueux pour ce compte : réessayez dans 15 minutes."
                : "Trop de tentatives depuis votre adresse : réessayez dans quelques minutes.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de requêtes", type: "urn:ent:probleme:trop-de-requetes");
    }

    private static string Cle(string identifiant) => identifiant.Trim().ToLowerInvariant();

    /// <summary>
    /// Takes the login's lock for the rest of the transaction, then counts. Attempts for one login run one after the
    /// other, counting included, so that thirty concurrent guesses get at most five checked before the lockout (counting
    /// then inserting without the lock let several requests read the same count and all go through).
    /// </summary>
    private async Task<Verdict?> VerrouillerEtLimiterAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string cle, IPAddress? adresse, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('identite.tentative_connexion:' || @cle, 0))",
            new { cle }, tx, cancellationToken: ct));
        if (await LimiteAdresseAsync(conn, tx, adresse, ct) is { } limite)
        {
            return limite;
        }

        // Failures since the last success, within the lockout window.
        var echecs = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM identite.tentative_connexion t
            WHERE t.identifiant = @cle AND NOT t.reussie AND t.le > @depuis
              AND t.le > coalesce((SELECT max(s.le) FROM identite.tentative_connexion s WHERE s.identifiant = @cle AND s.reussie), '-infinity')
            """, new { cle, depuis = clock.GetUtcNow() - DureeVerrouillage }, tx, cancellationToken: ct));
        return echecs >= EchecsAvantVerrouillage ? Verdict.Verrouille : null;
    }

    private async Task<Verdict?> LimiteAdresseAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IPAddress? adresse, CancellationToken ct)
    {
        var echecsAdresse = adresse is null ? 0 : await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM identite.tentative_connexion
            WHERE adresse = @adresse AND NOT reussie AND le > @depuis
            """, new { adresse, depuis = clock.GetUtcNow() - FenetreAdresse }, tx, cancellationToken: ct));
        return echecsAdresse >= EchecsParAdresse ? Verdict.TropDeTentatives : null;
    }

    // Dated by the same clock as the counts that read it.
    private Task<int> EnregistrerAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string cle, IPAddress? adresse, bool reussie, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identite.tentative_connexion (identifiant, adresse, reussie, le) VALUES (@cle, @adresse, @reussie, @le)",
            new { cle, adresse, reussie, le = clock.GetUtcNow() }, tx, cancellationToken: ct));

    /// <summary>The account of a person, if it is still active (checked again at every token refresh).</summary>
    public async Task<CompteConnecte?> ActifAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CompteConnecte>(new CommandDefinition("""
            SELECT p.id AS personne_id, p.prenom, p.nom
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.personne_id = @personneId AND c.etat = 'actif'
            """, new { personneId }, cancellationToken: ct));
    }

    /// <summary>
    /// The security stamp of the person's account while it is active (null otherwise): a login session opened under
    /// another stamp is over (password, second factor or state changed since; migration 0010's trigger).
    /// </summary>
    public async Task<Guid?> TamponAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT tampon_securite FROM identite.compte WHERE personne_id = @personneId AND etat = 'actif'",
            new { personneId }, cancellationToken: ct));
    }

    /// <summary>The same, while the device the session opened on is still in the person's devices list.</summary>
    public async Task<Guid?> TamponSurAppareilAsync(Guid personneId, Guid appareilId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT c.tampon_securite FROM identite.compte c
            WHERE c.personne_id = @personneId AND c.etat = 'actif'
              AND EXISTS (SELECT 1 FROM identite.appareil a WHERE a.id = @appareilId AND a.personne_id = @personneId)
            """, new { personneId, appareilId }, cancellationToken: ct));
    }

    /// <summary>The same, found by account id (an external identity is linked to an account, not to a person).</summary>
    public async Task<CompteConnecte?> ActifParCompteAsync(Guid compteId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CompteConnecte>(new CommandDefinition("""
            SELECT p.id AS personne_id, p.prenom, p.nom
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.id = @compteId AND c.etat = 'actif'
            """, new { compteId }, cancellationToken: ct));
    }

    /// <summary>The language saved on the person's account (fr, en, ar), for the pages shown once they are known.</summary>
    public async Task<string?> LangueAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT langue FROM identite.personne WHERE id = @personneId", new { personneId }, cancellationToken: ct));
    }
}
