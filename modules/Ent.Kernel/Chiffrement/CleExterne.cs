using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Ent.Kernel.Chiffrement;

/// <summary>
/// A 256-bit key kept outside the database, so that a dump of the database alone opens nothing it encrypts: read from
/// a configuration value (32 bytes in base64), else from a file (created on first start with owner-only permissions).
/// Every instance on one database needs the same key; losing it loses what it encrypts, so it is backed up apart.
/// </summary>
public static class CleExterne
{
    /// <summary>The key from <paramref name="cleConfiguration"/>, else from the file <paramref name="cleFichier"/> (default <paramref name="fichierParDefaut"/>).</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="cleConfiguration">The setting holding the key itself, e.g. <c>Ent:Sante:Cle</c>.</param>
    /// <param name="cleFichier">The setting naming the key's file, e.g. <c>Ent:Sante:FichierCle</c>.</param>
    /// <param name="fichierParDefaut">The file used when neither is set, relative to the working directory.</param>
    /// <param name="nom">What the key protects, as an error message names it (« de protection des données », « de la santé scolaire »).</param>
    public static byte[] Lire(IConfiguration configuration, string cleConfiguration, string cleFichier, string fichierParDefaut, string nom)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[cleConfiguration] is { Length: > 0 } configuree)
        {
            return Decoder(configuree, cleConfiguration, nom);
        }

        var fichier = Path.GetFullPath(configuration[cleFichier] is { Length: > 0 } f ? f : fichierParDefaut);
        if (!File.Exists(fichier))
        {
            Creer(fichier);
        }

        return Decoder(File.ReadAllText(fichier).Trim(), $"le fichier {fichier} ({cleFichier})", nom);
    }

    /// <summary>A short fingerprint stored beside what a key encrypts, to say which key is missing, never the key itself.</summary>
    public static string Empreinte(byte[] cle) => Convert.ToHexString(SHA256.HashData(cle))[..16];

    private static byte[] Decoder(string base64, string ou, string nom)
    {
        try
        {
            var cle = Convert.FromBase64String(base64);
            if (cle.Length == 32)
            {
                return cle;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException(
            $"La clé {nom} lue dans {ou} n'est pas valide : il faut 32 octets en base64 (openssl rand -base64 32).");
    }

    /// <summary>Written beside, then linked in place: two instances starting together end with the same file.</summary>
    private static void Creer(string fichier)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fichier)!);
        var provisoire = $"{fichier}.{Guid.NewGuid():N}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var ecriture = new StreamWriter(provisoire, Encoding.ASCII, options))
        {
            ecriture.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        try
        {
            File.Move(provisoire, fichier, overwrite: false);
        }
        catch (IOException) when (File.Exists(fichier))
        {
            File.Delete(provisoire); // another instance made it first: use theirs
        }
    }
}

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per value: <c>nonce ‖ tag ‖ ciphertext</c>. The associated data binds a value
/// to its row (its id): a ciphertext copied onto another row does not decrypt.
/// </summary>
public static class AesGcmEnt
{
    private const int Nonce = 12;
    private const int Etiquette = 16;

    public static byte[] Chiffrer(byte[] cle, ReadOnlySpan<byte> clair, ReadOnlySpan<byte> associees)
    {
        var resultat = new byte[Nonce + Etiquette + clair.Length];
        var nonce = resultat.AsSpan(0, Nonce);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(cle, Etiquette);
        aes.Encrypt(nonce, clair, resultat.AsSpan(Nonce + Etiquette), resultat.AsSpan(Nonce, Etiquette), associees);
        return resultat;
    }

    /// <exception cref="CryptographicException">The value was altered, moved to another row, or encrypted with another key.</exception>
    public static byte[] Dechiffrer(byte[] cle, ReadOnlySpan<byte> chiffre, ReadOnlySpan<byte> associees)
    {
        if (chiffre.Length < Nonce + Etiquette)
        {
            throw new CryptographicException("Valeur chiffrée tronquée.");
        }

        var clair = new byte[chiffre.Length - Nonce - Etiquette];
        using var aes = new AesGcm(cle, Etiquette);
        aes.Decrypt(chiffre[..Nonce], chiffre[(Nonce + Etiquette)..], chiffre.Slice(Nonce, Etiquette), clair, associees);
        return clair;
    }
}
