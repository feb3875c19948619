using System.Security.Cryptography;
using System.Xml.Linq;
using Dapper;
using Ent.Kernel.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.DataProtection;

/// <summary>
/// At start: every stored data-protection key must open with this instance's key (else Ent stops and says which key
/// is missing, rather than failing later on a TOTP login), and a key stored in clear by an earlier version is
/// encrypted in place.
/// </summary>
internal sealed class VerificationClesProtection(CleProtection cle) : IStartupTask
{
    private static readonly XNamespace Ns = "http://schemas.asp.net/2015/03/dataProtection";

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var database = services.GetRequiredService<EntDatabase>();
        var chiffrement = new ChiffrementCles(cle);
        var dechiffrement = new DechiffrementCles(services);
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<(string Nom, string Xml)>(new CommandDefinition(
            "SELECT nom, xml FROM identite.cle_protection_donnees", cancellationToken: ct));
        foreach (var (nom, xml) in lignes)
        {
            var element = XElement.Parse(xml);
            foreach (var secret in element.Descendants(Ns + "encryptedSecret").Elements(ChiffrementCles.Element))
            {
                try
                {
                    dechiffrement.Decrypt(secret);
                }
                catch (CryptographicException e)
                {
                    throw new InvalidOperationException(e.Message, e);
                }
            }

            var enClair = element.DescendantsAndSelf().Where(e => (string?)e.Attribute(Ns + "requiresEncryption") == "true").ToList();
            foreach (var aChiffrer in enClair)
            {
                var info = chiffrement.Encrypt(new XElement(aChiffrer));
                aChiffrer.ReplaceWith(new XElement(Ns + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }

            if (enClair.Count > 0)
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "UPDATE identite.cle_protection_donnees SET xml = @xml WHERE nom = @nom",
                    new { nom, xml = element.ToString(SaveOptions.DisableFormatting) }, cancellationToken: ct));
            }
        }
    }
}
