using System.Security.Cryptography;
using Dapper;
using Ent.Kernel.Database;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Ent.Identite.Oidc;

/// <summary>
/// The server's signing and encryption keys live in the database: made once by whichever instance needs them first,
/// then shared by every instance and kept across restarts, so tokens issued by one instance are valid on all.
/// Read when OpenIddict first needs its options, which is after the database is up.
/// Tokens are encrypted with a symmetric key (AES-256 key wrap): this server is their only reader (the API validates
/// them locally; third parties use introspection), and unwrapping an RSA-OAEP content key on every API request was
/// the host's largest CPU cost under load (issue #6). OpenIddict encrypts with a symmetric key first and still reads
/// tokens encrypted with the older RSA key, so a refresh token issued before the change keeps working until it expires.
/// </summary>
internal sealed class ClesOidc(EntDatabase database) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.Add(new SigningCredentials(Cle("signature"), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(CleSymetrique("chiffrement_symetrique"),
            SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        options.EncryptionCredentials.Add(new EncryptingCredentials(Cle("chiffrement"),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private SymmetricSecurityKey CleSymetrique(string usage)
    {
        var octets = Convert.FromBase64String(Lire(usage, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        return new SymmetricSecurityKey(octets) { KeyId = Kid(octets) };
    }

    private RsaSecurityKey Cle(string usage)
    {
        var pem = Lire(usage, () =>
        {
            using var nouvelle = RSA.Create(2048);
            return nouvelle.ExportRSAPrivateKeyPem();
        });
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = Kid(rsa.ExportRSAPublicKey()) };
    }

    /// <summary>A key's id: the first 16 hex digits of its (public) bytes' SHA-256.</summary>
    private static string Kid(byte[] octets) => Convert.ToHexString(SHA256.HashData(octets))[..16].ToLowerInvariant();

    /// <summary>The stored key for this usage, made with <paramref name="nouvelle"/> if there is none yet.</summary>
    private string Lire(string usage, Func<string> nouvelle)
    {
        const string lire = "SELECT pem FROM identite.cle_oidc WHERE usage = @usage";
        using var conn = database.DataSource.OpenConnection();
        if (conn.QuerySingleOrDefault<string>(lire, new { usage }) is { } existante)
        {
            return existante;
        }

        // Two instances starting together: the first insert wins, both read the same key.
        conn.Execute("INSERT INTO identite.cle_oidc (usage, pem) VALUES (@usage, @pem) ON CONFLICT (usage) DO NOTHING",
            new { usage, pem = nouvelle() });
        return conn.QuerySingle<string>(lire, new { usage });
    }
}
