using System.Buffers.Text;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>
/// The platform's VAPID key pair (RFC 8292, P-256): the browsers bind each subscription to its public half, the push
/// services check each message's signature with it. Generated once by the first host that needs it and stored in
/// <c>communication.cle_vapid</c> — every instance signs with the same key, and a restart keeps every subscription
/// valid. The private half is stored protected by ASP.NET data protection (purpose below), whose keys are encrypted at
/// rest with the key kept outside the database (<c>Ent:DataProtection:Cle</c> or its file): a dump alone signs nothing.
/// </summary>
internal sealed class ClesVapid(NpgsqlDataSource db, IDataProtectionProvider protection, TimeProvider clock) : IDisposable
{
    internal sealed record Paire(string Publique, string Privee);

    private const string But = "Ent.Communication.Push.Vapid";

    private readonly SemaphoreSlim verrou = new(1, 1);
    private Paire? paire;

    // Two hosts starting together: the first insert wins, both read the same row.
    private const string Sql = """
        INSERT INTO communication.cle_vapid (id, cle_publique, cle_privee, cree_le) VALUES (1, @publique, @privee, @maintenant)
        ON CONFLICT (id) DO NOTHING;
        SELECT cle_publique AS Publique, cle_privee AS Privee FROM communication.cle_vapid WHERE id = 1;
        """;

    public async Task<Paire> ObtenirAsync(CancellationToken ct)
    {
        if (paire is { } connue)
        {
            return connue;
        }

        await verrou.WaitAsync(ct);
        try
        {
            if (paire is null)
            {
                var protecteur = protection.CreateProtector(But);
                var nouvelle = Generer();
                await using var conn = await db.OpenConnectionAsync(ct);
                var lue = await conn.QuerySingleAsync<Paire>(new CommandDefinition(Sql, new
                {
                    publique = nouvelle.Publique, privee = protecteur.Protect(nouvelle.Privee), maintenant = clock.GetUtcNow(),
                }, cancellationToken: ct));
                paire = lue with { Privee = protecteur.Unprotect(lue.Privee) };
            }

            return paire;
        }
        finally
        {
            verrou.Release();
        }
    }

    public void Dispose() => verrou.Dispose();

    /// <summary>A new P-256 pair: the public key as an uncompressed point (65 bytes), the private scalar (32), base64url.</summary>
    internal static Paire Generer()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: true);
        var point = new byte[65];
        point[0] = 0x04;
        p.Q.X!.CopyTo(point, 1);
        p.Q.Y!.CopyTo(point, 33);
        return new Paire(Base64Url.EncodeToString(point), Base64Url.EncodeToString(p.D!));
    }
}
