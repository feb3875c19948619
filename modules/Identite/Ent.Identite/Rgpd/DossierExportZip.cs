using System.Collections;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ent.Kernel.Rgpd;

namespace Ent.Identite.Rgpd;

/// <summary>
/// The export's zip as it is built: each contribution writes into its own section folder, and leaves paragraphs for the
/// readable PDF summary. Contributions run one after the other (a zip is written by one writer at a time).
/// </summary>
internal sealed class ZipExport : IDisposable
{
    /// <summary>JSON as the register documents it: camelCase names, ISO 8601 dates, indented for a reader.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly MemoryStream _flux = new();
    private readonly ZipArchive _zip;

    public ZipExport() => _zip = new ZipArchive(_flux, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>The summary's paragraphs, in the contributions' order.</summary>
    public List<(string Section, string Titre, List<string> Lignes)> Paragraphes { get; } = [];

    /// <summary>Every file written, by section: the manifest lists them.</summary>
    public SortedDictionary<string, List<string>> Fichiers { get; } = new(StringComparer.Ordinal);

    public IDossierExport Section(string section) => new Dossier(this, section);

    public async Task EcrireAsync(string chemin, byte[] contenu, CancellationToken ct)
    {
        var entree = _zip.CreateEntry(chemin, CompressionLevel.Optimal);
        await using var sortie = entree.Open();
        await sortie.WriteAsync(contenu, ct);
    }

    public byte[] Terminer()
    {
        _zip.Dispose();
        return _flux.ToArray();
    }

    public void Dispose()
    {
        _zip.Dispose();
        _flux.Dispose();
    }

    /// <summary>
    /// Rows read with Dapper without a type (one dictionary per row, snake_case columns) become camelCase objects; a
    /// <c>date</c> column (read as midnight, kind unspecified) is written as a day, a <c>timestamptz</c> as an instant.
    /// </summary>
    internal static object? Normaliser(object? valeur) => valeur switch
    {
        null or DBNull => null,
        IDictionary<string, object> ligne => ligne.ToDictionary(kv => Camel(kv.Key), kv => Normaliser(kv.Value), StringComparer.Ordinal),
        DateTime { Kind: DateTimeKind.Unspecified, TimeOfDay.Ticks: 0 } jour => DateOnly.FromDateTime(jour),
        DateTime { Kind: DateTimeKind.Utc } instant => new DateTimeOffset(instant),
        string or byte[] => valeur,
        IEnumerable liste when valeur is not IDictionary => liste.Cast<object?>().Select(Normaliser).ToList(),
        _ => valeur,
    };

    private static string Camel(string colonne)
    {
        var parties = colonne.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parties.Length == 0)
        {
            return colonne;
        }

        var nom = new StringBuilder(parties[0]);
        foreach (var partie in parties.Skip(1))
        {
            nom.Append(char.ToUpperInvariant(partie[0])).Append(partie.AsSpan(1));
        }

        return nom.ToString();
    }

    private sealed class Dossier(ZipExport zip, string section) : IDossierExport
    {
        private string Chemin(string nom)
        {
            // A contribution names its files; never a path climbing out of its section.
            if (string.IsNullOrWhiteSpace(nom) || nom.Contains("..", StringComparison.Ordinal) || nom.StartsWith('/')
                || nom.Contains('\\') || nom.Contains(':'))
            {
                throw new ArgumentException($"Nom de fichier d'export invalide : « {nom} ».", nameof(nom));
            }

            var chemin = $"{section}/{nom}";
            if (!zip.Fichiers.TryGetValue(section, out var fichiers))
            {
                zip.Fichiers[section] = fichiers = [];
            }

            fichiers.Add(nom);
            return chemin;
        }

        public Task EcrireJsonAsync(string nom, object donnees, CancellationToken ct) =>
            zip.EcrireAsync(Chemin(nom), JsonSerializer.SerializeToUtf8Bytes(Normaliser(donnees), Json), ct);

        public async Task EcrireFichierAsync(string nom, Stream contenu, CancellationToken ct)
        {
            var entree = zip._zip.CreateEntry(Chemin(nom), CompressionLevel.Optimal);
            await using var sortie = entree.Open();
            await contenu.CopyToAsync(sortie, ct);
        }

        public void Resumer(string titre, IEnumerable<string> lignes) => zip.Paragraphes.Add((section, titre, [.. lignes]));
    }
}
