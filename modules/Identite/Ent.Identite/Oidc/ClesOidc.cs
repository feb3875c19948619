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
/// </summary>
internal sealed class ClesOidc(EntDatabase database) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.Add(new SigningCredentials(Cle("signature"), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(Cle("chiffrement"),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey Cle(string usage)
    {
        using var conn = database.DataSource.OpenConnection();
        using var nouvelle = RSA.Create(2048);
        // Two instances starting together: the first insert wins, both read the same key.
        conn.Execute("INSERT INTO identite.cle_oidc (usage, pem) VALUES (@usage, @pem) ON CONFLICT (usage) DO NOTHING",
            new { usage, pem = nouvelle.ExportRSAPrivateKeyPem() });
        var pem = conn.QuerySingle<string>("SELECT pem FROM identite.cle_oidc WHERE usage = @usage", new { usage });

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var kid = Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16].ToLowerInvariant();
        return new RsaSecurityKey(rsa) { KeyId = kid };
    }
}
