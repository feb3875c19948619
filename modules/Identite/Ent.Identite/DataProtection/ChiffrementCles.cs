using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Ent.Kernel.Chiffrement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.DataProtection;

/// <summary>
/// The key that encrypts the data-protection keys at rest (AES-256-GCM), kept outside the database: a dump of the
/// database alone does not give the TOTP secrets they protect. From <c>Ent:DataProtection:Cle</c> (32 bytes in
/// base64), else from the file <c>Ent:DataProtection:FichierCle</c> (default <c>.data/cle-protection-donnees</c>),
/// created on first start with owner-only permissions. Every instance on one database needs the same key.
/// </summary>
internal sealed class CleProtection
{
    public const string FichierParDefaut = ".data/cle-protection-donnees";

    private readonly Lazy<byte[]> _valeur;

    public CleProtection(IConfiguration configuration) => _valeur = new(() =>
        CleExterne.Lire(configuration, "Ent:DataProtection:Cle", "Ent:DataProtection:FichierCle", FichierParDefaut, "de protection des données"));

    public byte[] Valeur => _valeur.Value;

    /// <summary>A short fingerprint stored beside each encrypted key, to say which key is missing, never the key itself.</summary>
    public static string Empreinte(byte[] cle) => CleExterne.Empreinte(cle);
}

/// <summary>Encrypts a data-protection key's secret part with <see cref="CleProtection"/> before it is stored.</summary>
internal sealed class ChiffrementCles(CleProtection cle) : IXmlEncryptor
{
    public const string Element = "chiffrementEnt";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var valeur = cle.Valeur;
        var clair = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var etiquette = new byte[AesGcm.TagByteSizes.MaxSize];
        var chiffre = new byte[clair.Length];
        using (var aes = new AesGcm(valeur, etiquette.Length))
        {
            aes.Encrypt(nonce, clair, chiffre, etiquette);
        }

        var element = new XElement(Element,
            new XAttribute("cle", CleProtection.Empreinte(valeur)),
            new XElement("valeur", Convert.ToBase64String([.. nonce, .. etiquette, .. chiffre])));
        return new EncryptedXmlInfo(element, typeof(DechiffrementCles));
    }
}

/// <summary>Made by the data-protection system from the type name stored with each key (hence the public constructor).</summary>
internal sealed class DechiffrementCles(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var valeur = services.GetRequiredService<CleProtection>().Valeur;
        var empreinte = (string?)encryptedElement.Attribute("cle");
        if (!string.Equals(empreinte, CleProtection.Empreinte(valeur), StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"Les clés de protection des données de la base ont été chiffrées avec une autre clé (empreinte {empreinte}) que celle de cette " +
                $"instance (empreinte {CleProtection.Empreinte(valeur)}) : donnez à chaque instance la même clé (Ent:DataProtection:Cle, ou une " +
                "copie du fichier Ent:DataProtection:FichierCle de la première instance).");
        }

        var octets = Convert.FromBase64String((string?)encryptedElement.Element("valeur") ?? string.Empty);
        var nonce = octets.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var etiquette = octets.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var chiffre = octets.AsSpan(nonce.Length + etiquette.Length);
        var clair = new byte[chiffre.Length];
        using (var aes = new AesGcm(valeur, etiquette.Length))
        {
            aes.Decrypt(nonce, chiffre, etiquette, clair);
        }

        return XElement.Parse(Encoding.UTF8.GetString(clair));
    }
}
