using System.IO.Compression;
using System.Text;

namespace Ent.Kernel.Documents;

/// <summary>
/// What a document is, read from its content: a file name or a declared content type says nothing reliable (an
/// executable renamed « certificat.pdf » is still an executable). <see cref="DetecterAsync"/> knows PDF, JPEG and PNG
/// (a family's justification document); <see cref="DetecterBureautiqueAsync"/> adds office documents (a lesson's files).
/// </summary>
public static class TypeDocument
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Odp = "application/vnd.oasis.opendocument.presentation";
    public const string Doc = "application/msword";
    public const string Xls = "application/vnd.ms-excel";

    /// <summary>Every type <see cref="DetecterBureautiqueAsync"/> may answer, as a database CHECK lists them.</summary>
    public static readonly string[] Bureautique = [Pdf, Jpeg, Png, Docx, Xlsx, Pptx, Odt, Ods, Odp, Doc, Xls];

    private static readonly byte[] SignaturePdf = "%PDF-"u8.ToArray();
    private static readonly byte[] SignaturePng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] SignatureJpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] SignatureZip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] SignatureOle = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The content type the bytes begin with (PDF, PNG, JPEG), or null for anything else.</summary>
    public static async Task<string?> DetecterAsync(Stream contenu, CancellationToken ct)
    {
        var debut = new byte[8];
        var lus = await contenu.ReadAtLeastAsync(debut, debut.Length, throwOnEndOfStream: false, ct);
        return Signature(debut.AsSpan(0, lus));
    }

    private static string? Signature(ReadOnlySpan<byte> octets) =>
        octets.StartsWith(SignaturePdf) ? Pdf
        : octets.StartsWith(SignaturePng) ? Png
        : octets.StartsWith(SignatureJpeg) ? Jpeg
        : null;

    /// <summary>
    /// PDF, PNG, JPEG, or an office document: an Office Open XML or OpenDocument file is a zip whose entries say what
    /// it is (a zip holding anything else is refused); a legacy Word or Excel file is an OLE compound file, which the
    /// name's extension (.doc or .xls) tells apart. <paramref name="contenu"/> must be seekable and in memory (a zip's
    /// directory is read synchronously).
    /// </summary>
    public static async Task<string?> DetecterBureautiqueAsync(Stream contenu, string? nom, CancellationToken ct)
    {
        var debut = new byte[8];
        var lus = await contenu.ReadAtLeastAsync(debut, debut.Length, throwOnEndOfStream: false, ct);
        var octets = debut.AsSpan(0, lus);
        if (Signature(octets) is { } simple)
        {
            return simple;
        }

        if (octets.StartsWith(SignatureOle))
        {
            return Path.GetExtension(nom ?? string.Empty).ToLowerInvariant() switch { ".doc" => Doc, ".xls" => Xls, _ => null };
        }

        if (!octets.StartsWith(SignatureZip))
        {
            return null;
        }

        contenu.Position = 0;
        try
        {
            using var zip = new ZipArchive(contenu, ZipArchiveMode.Read, leaveOpen: true);
            var noms = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (noms.Contains("[Content_Types].xml"))
            {
                return noms.Contains("word/document.xml") ? Docx
                    : noms.Contains("xl/workbook.xml") ? Xlsx
                    : noms.Contains("ppt/presentation.xml") ? Pptx
                    : null;
            }

            if (zip.GetEntry("mimetype") is { Length: < 100 } mimetype)
            {
                await using var flux = mimetype.Open();
                using var lecteur = new StreamReader(flux, Encoding.ASCII);
                return (await lecteur.ReadToEndAsync(ct)).Trim() switch
                {
                    Odt => Odt,
                    Ods => Ods,
                    Odp => Odp,
                    _ => null,
                };
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The file extension of a content type this class answers.</summary>
    public static string Extension(string typeContenu) => typeContenu switch
    {
        Pdf => ".pdf",
        Png => ".png",
        Jpeg => ".jpg",
        Docx => ".docx",
        Xlsx => ".xlsx",
        Pptx => ".pptx",
        Odt => ".odt",
        Ods => ".ods",
        Odp => ".odp",
        Doc => ".doc",
        Xls => ".xls",
        _ => throw new ArgumentOutOfRangeException(nameof(typeContenu), typeContenu, "Type de document inconnu."),
    };

    /// <summary>
    /// The name to keep and to offer at download: the given file name without any folder, control or reserved
    /// character, at most 200 characters, and with the extension of what the file really is.
    /// </summary>
    public static string NomOriginal(string? nom, string typeContenu)
    {
        var extension = Extension(typeContenu);
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
