using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OtpNet;

namespace Ent.Identite.DoubleAuthentification;

/// <summary>Where an account stands with its second factor.</summary>
/// <param name="CompteId">The account.</param>
/// <param name="Identifiant">The login, normalised as the attempts table counts it.</param>
/// <param name="Actif">A confirmed secret: every login asks for a code.</param>
/// <param name="Requis">An établissement requires it of this person (staff profile, see <see cref="SecondFacteur.ConditionRequise"/>).</param>
internal sealed record EtatSecondFacteur(Guid CompteId, string Identifiant, bool Actif, bool Requis);

/// <summary>An enrolment in progress: what the person types or scans into their authenticator.</summary>
internal sealed record Enrolement(string Secret, string Uri);

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) and recovery codes for one account. The secret is kept protected with Data
/// Protection, never in clear; a code is accepted one step either side of now (phones drift), and the step it matched
/// is remembered so that the same code, or an older one, cannot be used twice.
/// </summary>
internal sealed partial class SecondFacteur(NpgsqlDataSource db, TimeProvider clock, IDataProtectionProvider protection, ILogger<SecondFacteur> log)
{
    public const string Emetteur = "Ent";
    public const int NombreCodesSecours = 10;

    /// <summary>
    /// True when one of the person's établissements requires the second factor of its staff. Staff means the
    /// 'personnel' profile (direction, CPE, nurse, secretariat…), not teachers: see the README. Needs <c>c</c> = compte.
    /// </summary>
    public const string ConditionRequise = """
        EXISTS (SELECT 1 FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
                WHERE r.personne_id = c.personne_id AND r.profil = 'personnel' AND e.double_authentification_personnel)
        """;

    private const string SqlEtat = """
        SELECT c.id AS compte_id, lower(c.identifiant) AS identifiant,
               (c.secret_mfa IS NOT NULL AND c.mfa_confirme_le IS NOT NULL) AS actif,
        """ + ConditionRequise + """
         AS requis
        FROM identite.compte c WHERE c.personne_id = @personneId AND c.etat = 'actif'
        """;

    // A new enrolment replaces one in progress, never an active secret (that needs a code first: see Desactiver).
    private const string SqlDemarrer = """
        UPDATE identite.compte SET secret_mfa = @secret, mfa_confirme_le = NULL, mfa_dernier_pas = NULL
        WHERE personne_id = @personneId AND mfa_confirme_le IS NULL
        """;

    private const string SqlSecret = """
        SELECT secret_mfa FROM identite.compte
        WHERE personne_id = @personneId AND secret_mfa IS NOT NULL AND (mfa_confirme_le IS NOT NULL) = @actif
        """;

    // Atomic, so that two requests racing with the same code cannot both pass.
    private const string SqlPasUtilise = """
        UPDATE identite.compte SET mfa_dernier_pas = @pas
        WHERE personne_id = @personneId AND (mfa_dernier_pas IS NULL OR mfa_dernier_pas < @pas)
        """;

    private const string SqlConfirmer = """
        UPDATE identite.compte SET mfa_confirme_le = @maintenant
        WHERE personne_id = @personneId AND secret_mfa IS NOT NULL AND mfa_confirme_le IS NULL
        RETURNING id
        """;

    private const string SqlSupprimerCodes = "DELETE FROM identite.code_secours WHERE compte_id = @compteId";

    private const string SqlAjouterCode = "INSERT INTO identite.code_secours (compte_id, hash) VALUES (@compteId, @hash)";

    private const string SqlUtiliserCode = """
        UPDATE identite.code_secours s SET utilise_le = @maintenant
        FROM identite.compte c
        WHERE c.id = s.compte_id AND c.personne_id = @personneId AND c.mfa_confirme_le IS NOT NULL
          AND s.hash = @hash AND s.utilise_le IS NULL
        """;

    private const string SqlDesactiver = """
        UPDATE identite.compte SET secret_mfa = NULL, mfa_confirme_le = NULL, mfa_dernier_pas = NULL
        WHERE personne_id = @personneId
        RETURNING id
        """;

    private IDataProtector Protecteur => protection.CreateProtector("Ent.Identite.Totp");

    public async Task<EtatSecondFacteur?> EtatAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<EtatSecondFacteur>(new CommandDefinition(SqlEtat, new { personneId }, cancellationToken: ct));
    }

    /// <summary>A new secret for the account, pending until a code confirms it; null when a secret is already active.</summary>
    public async Task<Enrolement?> DemarrerAsync(Guid personneId, string identifiant, CancellationToken ct)
    {
        var cle = KeyGeneration.GenerateRandomKey(20);
        await using var conn = await db.OpenConnectionAsync(ct);
        var modifies = await conn.ExecuteAsync(new CommandDefinition(SqlDemarrer,
            new { personneId, secret = Protecteur.Protect(Base32Encoding.ToString(cle)) }, cancellationToken: ct));
        return modifies == 0 ? null : Decrire(cle, identifiant);
    }

    /// <summary>The enrolment in progress, to show it again after a wrong code.</summary>
    public async Task<Enrolement?> EnCoursAsync(Guid personneId, string identifiant, CancellationToken ct)
    {
        var cle = await SecretAsync(personneId, actif: false, ct);
        return cle is null ? null : Decrire(cle, identifiant);
    }

    private static Enrolement Decrire(byte[] cle, string identifiant)
    {
        var secret = Base32Encoding.ToString(cle).TrimEnd('=');
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Emetteur)}:{Uri.EscapeDataString(identifiant)}" +
                  $"?secret={secret}&issuer={Uri.EscapeDataString(Emetteur)}&algorithm=SHA1&digits=6&period=30";
        return new Enrolement(secret, uri);
    }

    /// <summary>
    /// Activates the pending secret when <paramref name="code"/> comes from it, and returns the new recovery codes
    /// (shown once: only their hash is kept). Null when the code is wrong or nothing is pending.
    /// </summary>
    public async Task<string[]?> ConfirmerAsync(Guid personneId, string code, CancellationToken ct)
    {
        if (!await TotpAsync(personneId, code, actif: false, ct))
        {
            return null;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var compteId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SqlConfirmer,
            new { personneId, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
        if (compteId is null)
        {
            return null;
        }

        await conn.ExecuteAsync(new CommandDefinition(SqlSupprimerCodes, new { compteId }, tx, cancellationToken: ct));
        var codes = new string[NombreCodesSecours];
        for (var i = 0; i < codes.Length; i++)
        {
            var chiffres = RandomNumberGenerator.GetString("0123456789", 12);
            codes[i] = $"{chiffres[..4]}-{chiffres[4..8]}-{chiffres[8..]}";
            await conn.ExecuteAsync(new CommandDefinition(SqlAjouterCode, new { compteId, hash = Hacher(chiffres) }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        LogActivee(log, personneId);
        return codes;
    }

    /// <summary>At login or to disable: a code of the active secret, or a recovery code (then used up).</summary>
    public async Task<bool> VerifierAsync(Guid personneId, string code, CancellationToken ct)
    {
        var chiffres = Normaliser(code);
        if (chiffres.Length == 12)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var utilise = await conn.ExecuteAsync(new CommandDefinition(SqlUtiliserCode,
                new { personneId, hash = Hacher(chiffres), maintenant = clock.GetUtcNow() }, cancellationToken: ct)) == 1;
            if (utilise)
            {
                LogCodeSecoursUtilise(log, personneId);
            }

            return utilise;
        }

        return await TotpAsync(personneId, chiffres, actif: true, ct);
    }

    public async Task DesactiverAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var compteId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SqlDesactiver, new { personneId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(SqlSupprimerCodes, new { compteId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        LogDesactivee(log, personneId);
    }

    /// <summary>Digits only: people type spaces and dashes, phones insert them.</summary>
    public static string Normaliser(string? code) => new((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    public static bool FormatValide(string? code) => Normaliser(code).Length is 6 or 12 && (code ?? string.Empty).Length <= 20;

    private async Task<bool> TotpAsync(Guid personneId, string code, bool actif, CancellationToken ct)
    {
        var chiffres = Normaliser(code);
        if (chiffres.Length != 6)
        {
            return false;
        }

        var cle = await SecretAsync(personneId, actif, ct);
        if (cle is null || !new Totp(cle).VerifyTotp(clock.GetUtcNow().UtcDateTime, chiffres, out var pas, new VerificationWindow(1, 1)))
        {
            return false;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var nouveau = await conn.ExecuteAsync(new CommandDefinition(SqlPasUtilise, new { personneId, pas }, cancellationToken: ct)) == 1;
        if (!nouveau)
        {
            LogRejoue(log, personneId);
        }

        return nouveau;
    }

    private async Task<byte[]?> SecretAsync(Guid personneId, bool actif, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var protege = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(SqlSecret, new { personneId, actif }, cancellationToken: ct));
        return protege is null ? null : Base32Encoding.ToBytes(Protecteur.Unprotect(protege));
    }

    // Recovery codes are 12 random digits (~40 bits each), checked under the login lockout: a plain SHA-256 is enough
    // to keep them out of a database dump's plain text, and costs nothing per attempt.
    private static string Hacher(string chiffres) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(chiffres)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Double authentification activée pour la personne {PersonneId}")]
    private static partial void LogActivee(ILogger log, Guid personneId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Double authentification désactivée pour la personne {PersonneId}")]
    private static partial void LogDesactivee(ILogger log, Guid personneId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Code de secours utilisé par la personne {PersonneId}")]
    private static partial void LogCodeSecoursUtilise(ILogger log, Guid personneId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Code TOTP rejoué refusé pour la personne {PersonneId}")]
    private static partial void LogRejoue(ILogger log, Guid personneId);
}
