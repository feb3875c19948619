using System.Text;

namespace Ent.VieScolaire.Documents;

/// <summary>
/// What a document is, read from its first bytes: a family's file name or declared content type says nothing reliable
/// (an executable renamed « certificat.pdf » is still an executable). Only PDF, JPEG and PNG are kept.
/// </summary>
internal static class TypeDocument
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] SignaturePdf = "%PDF-"u8.ToArray();
    private static readonly byte[] SignaturePng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] SignatureJpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>The content type the bytes begin with, or null for anything else.</summary>
    public static async Task<string?> DetecterAsync(Stream contenu, CancellationToken ct)
    {
        var debut = new byte[8];
        var lus = await contenu.ReadAtLeastAsync(debut, debut.Length, throwOnEndOfStream: false, ct);
        ReadOnlySpan<byte> octets = debut.AsSpan(0, lus);
        return octets.StartsWith(SignaturePdf) ? Pdf
            : octets.StartsWith(SignaturePng) ? Png
            : octets.StartsWith(SignatureJpeg) ? Jpeg
            : null;
    }

    /// <summary>
    /// The name to keep and to offer at download: the family's file name without any folder, control or reserved
    /// character, at most 200 characters, and with the extension of what the file really is.
    /// </summary>
    public static string NomOriginal(string? nom, string typeContenu)
    {
        var extension = typeContenu switch { Pdf => ".pdf", Png => ".png", _ => ".jpg" };
        var fichier = (nom ?? string.Empty).Replace('\\', '/');
        fichier = fichier[(fichier.LastIndexOf('/') + 1)..];
        var propre = new StringBuilder(fichier.Length);
        foreach (var c in fichier.Normalize(NormalizationForm.FormC))
        {
            propre.Append(char.IsControl(c) || "\"*:<>?|".Contains(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '_' : c);
        }

        var radical = Path.GetFileNameWithoutExtension(propre.ToString()).Trim().Trim('.').Trim();
        var ext = Path.GetExtension(propre.ToString()).ToLowerInvariant();
        var attendue = ext == extension || (typeContenu == Jpeg && ext == ".jpeg");
        if (radical.Length == 0)
        {
            radical = "document";
        }

        var suffixe = attendue ? ext : extension;
        if (radical.Length + suffixe.Length > 200)
        {
            var coupe = 200 - suffixe.Length;
            radical = radical[..(char.IsHighSurrogate(radical[coupe - 1]) ? coupe - 1 : coupe)];
        }

        return radical + suffixe;
    }
}
