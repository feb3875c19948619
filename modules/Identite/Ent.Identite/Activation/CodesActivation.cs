using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>A new activation code, shown once (on the letter, or to the administrator who asked for it).</summary>
internal sealed record CodeActivationNeuf(Guid CompteId, string Code, DateTimeOffset ExpireLe);

/// <summary>
/// Activation codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed in three groups
/// (« K7QM-4XTB-9HRW »), valid 3 months, one use. Only a SHA-256 of the code is kept (migration 0016 says why a fast
/// hash suffices). Drawing codes for an account retires its previous live code in the same transaction: letters
/// printed again, or a « réinitialiser », make the earlier letters useless.
/// </summary>
internal static class CodesActivation
{
    public static readonly TimeSpan Validite = TimeSpan.FromDays(92);
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Longueur = 12;

    public static string Tirer()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Longueur);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>What a person typed, as it is hashed: capitals, without spaces or dashes; O and I read as 0 and 1 never occur.</summary>
    public static string Normaliser(string? saisi) =>
        string.Concat((saisi ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    /// <summary>Whether a typed code has the shape of a letter's (rather than of a 6-digit code sent by SMS or e-mail).</summary>
    public static bool FormeDeLettre(string normalise) => normalise.Length == Longueur && normalise.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    public static byte[] Hacher(string normalise) => SHA256.HashData(Encoding.UTF8.GetBytes(normalise));

    /// <summary>
    /// New codes for these accounts, in the caller's transaction: each account's live code is retired first (one live
    /// code per account, the unique index checks it).
    /// </summary>
    public static async Task<IReadOnlyList<CodeActivationNeuf>> GenererAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyCollection<Guid> compteIds, Guid? creePar, DateTimeOffset maintenant, CancellationToken ct)
    {
        var codes = compteIds.Select(id => new CodeActivationNeuf(id, Tirer(), maintenant + Validite)).ToList();
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.code_activation SET remplace_le = @maintenant
            WHERE compte_id = ANY(@compteIds) AND utilise_le IS NULL AND remplace_le IS NULL
            """, new { compteIds = compteIds.ToArray(), maintenant }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.code_activation (id, compte_id, code_hash, cree_le, cree_par, expire_le)
            SELECT gen_random_uuid(), c.compte_id, c.code_hash, @maintenant, @creePar, @expire
            FROM unnest(@compteIds, @hashes) AS c(compte_id, code_hash)
            """,
            new
            {
                compteIds = codes.Select(c => c.CompteId).ToArray(), hashes = codes.Select(c => Hacher(Normaliser(c.Code))).ToArray(),
                maintenant, creePar, expire = maintenant + Validite,
            }, tx, cancellationToken: ct));
        return codes;
    }
}
