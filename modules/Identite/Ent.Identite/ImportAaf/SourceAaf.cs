using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Ent.Identite.ImportAaf;

/// <summary>Limits of an import, under <c>Ent:ImportAaf</c>.</summary>
internal sealed class ImportAafOptions
{
    public const string Section = "Ent:ImportAaf";

    /// <summary>The most one file of an export may weigh, in bytes (uncompressed). A region's largest file, its guardians
    /// (about 350,000), weighs some 350 MB.</summary>
    public long TailleMaxOctets { get; set; } = 500L * 1024 * 1024;

    /// <summary>The most all the files of an export may weigh together once uncompressed: a zip bomb is refused before
    /// it fills the disk.</summary>
    public long TailleMaxTotaleOctets { get; set; } = 3L * 1024 * 1024 * 1024;

    /// <summary>The most an uploaded zip may weigh (the request's limit).</summary>
    public long TailleMaxTeleversementOctets { get; set; } = 200L * 1024 * 1024;

    /// <summary>Where uploaded zips wait for their import (the temporary folder when empty).</summary>
    public string? Dossier { get; set; }

    /// <summary>Whether this instance runs the uploaded imports (off for the command line, which runs its own).</summary>
    public bool Traitement { get; set; } = true;
}

/// <summary>One AAF file of an export: its name, kind, and how to open it (once, streaming).</summary>
internal sealed record FichierAaf(string Nom, TypeAaf Type, long Taille, Func<Stream> Ouvrir);

/// <summary>
/// An export as an academy sends it: a folder or a zip of files named <c>PREFIXE_Complet|Delta_AAAAMMJJ_Type_NNNN.xml</c>.
/// Every file is checked before any is read: its name, its size, and in a zip its path (never outside the zip's folder)
/// and its uncompressed size (a zip bomb is refused). One export is one nature and one date.
/// </summary>
internal sealed partial class SourceAaf : IDisposable
{
    private readonly ZipArchive? _zip;

    public bool Complet { get; }

    public DateOnly DateExport { get; }

    public IReadOnlyList<FichierAaf> Fichiers { get; }

    /// <summary>Files that are not AAF files (a README, a checksum): left aside, named in the report.</summary>
    public IReadOnlyList<string> Ignores { get; }

    [GeneratedRegex(@"^(?<prefixe>[A-Za-z0-9-]+)_(?<nature>Complet|Delta)_(?<date>[0-9]{8})_(?<type>EtabEducNat|Eleve|PersRelEleve|PersEducNat|MatiereEducNat|MefEducNat)_(?<numero>[0-9]{4})\.xml$")]
    private static partial Regex NomAaf();

    private SourceAaf(ZipArchive? zip, List<(string Nom, long Taille, Func<Stream> Ouvrir)> candidats, long tailleMax, long tailleTotaleMax)
    {
        _zip = zip;
        var fichiers = new List<FichierAaf>();
        var ignores = new List<string>();
        string? nature = null;
        string? date = null;
        long total = 0;
        foreach (var (nom, taille, ouvrir) in candidats)
        {
            var m = NomAaf().Match(nom);
            if (!m.Success)
            {
                ignores.Add(nom);
                continue;
            }

            if (taille > tailleMax)
            {
                throw new ImportRefuseException(
                    $"Le fichier {nom} pèse {Octets(taille)}, au-delà de la limite de {Octets(tailleMax)} (réglage Ent:ImportAaf:TailleMaxOctets). " +
                    "Import refusé, rien n'a été modifié.");
            }

            total += taille;
            if (total > tailleTotaleMax)
            {
                throw new ImportRefuseException(
                    $"Les fichiers de l'export dépassent ensemble {Octets(tailleTotaleMax)} une fois décompressés (réglage Ent:ImportAaf:TailleMaxTotaleOctets). " +
                    "Import refusé, rien n'a été modifié.");
            }

            if ((nature ?? m.Groups["nature"].Value) != m.Groups["nature"].Value || (date ?? m.Groups["date"].Value) != m.Groups["date"].Value)
            {
                throw new ImportRefuseException(
                    $"L'export mélange des fichiers de natures ou de dates différentes ({nom} après un fichier {nature} du {date}) : " +
                    "importez un export complet ou un delta à la fois. Import refusé, rien n'a été modifié.");
            }

            nature = m.Groups["nature"].Value;
            date = m.Groups["date"].Value;
            fichiers.Add(new FichierAaf(nom, Enum.Parse<TypeAaf>(m.Groups["type"].Value), taille, ouvrir));
        }

        if (fichiers.Count == 0)
        {
            throw new ImportRefuseException(
                "Aucun fichier AAF dans cet export : les fichiers attendus se nomment PREFIXE_Complet_AAAAMMJJ_Type_NNNN.xml " +
                "(Type : EtabEducNat, Eleve, PersRelEleve, PersEducNat, MatiereEducNat ou MefEducNat). Import refusé, rien n'a été modifié.");
        }

        if (!DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var jour))
        {
            throw new ImportRefuseException($"La date {date} des noms de fichiers n'est pas une date (AAAAMMJJ). Import refusé, rien n'a été modifié.");
        }

        Complet = nature == "Complet";
        DateExport = jour;
        Fichiers = [.. fichiers.OrderBy(f => f.Type).ThenBy(f => f.Nom, StringComparer.Ordinal)];
        Ignores = ignores;
    }

    /// <summary>Opens a folder or a zip file; refuses (<see cref="ImportRefuseException"/>) what cannot be imported.</summary>
    public static SourceAaf Ouvrir(string chemin, ImportAafOptions options)
    {
        if (Directory.Exists(chemin))
        {
            var candidats = Directory.EnumerateFiles(chemin)
                .Select(f => new FileInfo(f))
                .Select(f => (f.Name, f.Length, (Func<Stream>)(() => new FileStream(f.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            return new SourceAaf(null, candidats, options.TailleMaxOctets, options.TailleMaxTotaleOctets);
        }

        if (!File.Exists(chemin))
        {
            throw new ImportRefuseException($"{chemin} n'existe pas : donnez le dossier de l'export ou son fichier zip.");
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(chemin);
        }
        catch (InvalidDataException)
        {
            throw new ImportRefuseException($"{Path.GetFileName(chemin)} n'est pas un fichier zip lisible. Import refusé, rien n'a été modifié.");
        }

        try
        {
            return new SourceAaf(zip, EntreesZip(zip, options.TailleMaxOctets), options.TailleMaxOctets, options.TailleMaxTotaleOctets);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>A zip's files. A path that leaves the zip's folder (<c>../x.xml</c>, <c>/etc/x.xml</c>) refuses the zip.</summary>
    private static List<(string, long, Func<Stream>)> EntreesZip(ZipArchive zip, long tailleMax)
    {
        var racine = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "ent-zip-racine")) + Path.DirectorySeparatorChar;
        var candidats = new List<(string, long, Func<Stream>)>();
        foreach (var entree in zip.Entries)
        {
            var nom = entree.FullName;
            var normalise = nom.Replace('\\', '/');
            var dehors = normalise.StartsWith('/') || Path.IsPathRooted(nom) || normalise.Split('/').Contains("..")
                         || (normalise.Length >= 2 && normalise[1] == ':')
                         || !Path.GetFullPath(Path.Combine(racine, normalise)).StartsWith(racine, StringComparison.Ordinal);
            if (dehors)
            {
                throw new ImportRefuseException(
                    $"Le zip contient un chemin qui sort de son dossier (« {nom} ») : refusé, un tel fichier pourrait écraser des fichiers du serveur. " +
                    "Import refusé, rien n'a été modifié.");
            }

            if (normalise.EndsWith('/'))
            {
                continue; // a folder
            }

            var e = entree;
            candidats.Add((Path.GetFileName(normalise), e.Length, () => new FluxLimite(e.Open(), Math.Min(e.Length, tailleMax), e.FullName)));
        }

        return [.. candidats.OrderBy(c => c.Item1, StringComparer.Ordinal)];
    }

    private static string Octets(long n) => n >= 1 << 20
        ? $"{n / (1024.0 * 1024.0):0.#} Mo".Replace('.', ',')
        : $"{n / 1024.0:0.#} Ko".Replace('.', ',');

    public void Dispose() => _zip?.Dispose();

    /// <summary>
    /// A zip entry's content, cut at the size its header declares: a header that lies about the size (a zip bomb's
    /// trick) is refused as soon as the content goes beyond it.
    /// </summary>
    private sealed class FluxLimite(Stream interieur, long limite, string nom) : Stream
    {
        private long _lus;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = interieur.Read(buffer, offset, count);
            _lus += n;
            if (_lus > limite)
            {
                throw new ImportRefuseException(
                    $"Le fichier {nom} du zip se décompresse au-delà de la taille annoncée ou de la limite : refusé (bombe de décompression ?). " +
                    "Import refusé, rien n'a été modifié.");
            }

            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _lus; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                interieur.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
