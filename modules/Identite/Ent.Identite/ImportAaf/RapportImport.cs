using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>An import as the API and the command line show it.</summary>
/// <param name="Id">The import.</param>
/// <param name="Nature">complet or delta.</param>
/// <param name="AnneeScolaire">The school year it feeds, e.g. « 2026-2027 ».</param>
/// <param name="Rentree">A rentrée import (feeds the next school year).</param>
/// <param name="DateExport">The export's date (from the files' names).</param>
/// <param name="Source">commande (build.ps1) or televersement (an administrator's upload).</param>
/// <param name="Etat">en_attente, en_cours, termine, refuse or echoue.</param>
/// <param name="CreeLe">When it was asked for.</param>
/// <param name="CommenceLe">When it started.</param>
/// <param name="TermineLe">When it ended.</param>
/// <param name="EntreesTotal">Entries read from the export (known once read).</param>
/// <param name="EntreesTraitees">Entries applied so far.</param>
/// <param name="Resume">Per kind (etablissements, eleves, responsables, personnels, comptes, liens, classes, groupes,
/// matieres, inscriptions, services, professeursPrincipaux): crees, modifies, desactives.</param>
/// <param name="Message">Why the import was refused or failed, in French.</param>
/// <param name="Rejets">How many entries were rejected.</param>
internal sealed record ImportResume(Guid Id, string Nature, string AnneeScolaire, bool Rentree, DateOnly? DateExport, string Source, string Etat,
    DateTimeOffset CreeLe, DateTimeOffset? CommenceLe, DateTimeOffset? TermineLe, int? EntreesTotal, int EntreesTraitees,
    IReadOnlyDictionary<string, CompteurResume> Resume, string? Message, int Rejets);

/// <summary>What an import did to one kind of item.</summary>
/// <param name="Crees">Created.</param>
/// <param name="Modifies">Changed.</param>
/// <param name="Desactives">Withdrawn (deactivated, removed from a class…), never deleted.</param>
internal sealed record CompteurResume(int Crees, int Modifies, int Desactives);

/// <summary>A rejected entry: its file, line, join key and the French reason.</summary>
/// <param name="Fichier">The AAF file.</param>
/// <param name="Ligne">The entry's line in the file.</param>
/// <param name="Jointure">The entry's AAF join key.</param>
/// <param name="Motif">Why, in French.</param>
internal sealed record RejetImport(string Fichier, int? Ligne, string? Jointure, string Motif);

/// <summary>An import with its rejected entries.</summary>
/// <param name="Import">The import.</param>
/// <param name="Rejets">Its rejected entries, in the order they were found (the first 10,000).</param>
internal sealed record ImportDetail(ImportResume Import, IReadOnlyList<RejetImport> Rejets);

/// <summary>An import with its rejected entries, as GET /api/identite/imports/{id} answers: the history's fields, then the rejects.</summary>
/// <param name="Id">The import.</param>
/// <param name="Nature">complet or delta.</param>
/// <param name="AnneeScolaire">The school year it feeds.</param>
/// <param name="Rentree">A rentrée import.</param>
/// <param name="DateExport">The export's date.</param>
/// <param name="Source">commande or televersement.</param>
/// <param name="Etat">en_attente, en_cours, termine, refuse or echoue.</param>
/// <param name="CreeLe">When it was asked for.</param>
/// <param name="CommenceLe">When it started.</param>
/// <param name="TermineLe">When it ended.</param>
/// <param name="EntreesTotal">Entries read from the export.</param>
/// <param name="EntreesTraitees">Entries applied so far.</param>
/// <param name="Resume">Per kind: crees, modifies, desactives.</param>
/// <param name="Message">Why the import was refused or failed.</param>
/// <param name="NombreRejets">How many entries were rejected.</param>
/// <param name="Rejets">The rejected entries (the first 10,000), in the order they were found.</param>
internal sealed record ImportAvecRejets(Guid Id, string Nature, string AnneeScolaire, bool Rentree, DateOnly? DateExport, string Source, string Etat,
    DateTimeOffset CreeLe, DateTimeOffset? CommenceLe, DateTimeOffset? TermineLe, int? EntreesTotal, int EntreesTraitees,
    IReadOnlyDictionary<string, CompteurResume> Resume, string? Message, int NombreRejets, IReadOnlyList<RejetImport> Rejets)
{
    public static ImportAvecRejets De(ImportDetail d) => new(d.Import.Id, d.Import.Nature, d.Import.AnneeScolaire, d.Import.Rentree, d.Import.DateExport,
        d.Import.Source, d.Import.Etat, d.Import.CreeLe, d.Import.CommenceLe, d.Import.TermineLe, d.Import.EntreesTotal, d.Import.EntreesTraitees,
        d.Import.Resume, d.Import.Message, d.Import.Rejets, d.Rejets);
}

/// <summary>Reads imports back for the API and the command line, and writes the command line's French summary.</summary>
internal static class RapportImport
{
    public const int RejetsMax = 10_000;

    // Properties rather than a constructor: Dapper then applies the kernel's type handlers (timestamptz → DateTimeOffset).
    private sealed class Ligne
    {
        public Guid Id { get; set; }
        public string Nature { get; set; } = "";
        public string AnneeScolaire { get; set; } = "";
        public bool Rentree { get; set; }
        public DateTime? DateExport { get; set; }
        public string Source { get; set; } = "";
        public string Etat { get; set; } = "";
        public DateTimeOffset CreeLe { get; set; }
        public DateTimeOffset? CommenceLe { get; set; }
        public DateTimeOffset? TermineLe { get; set; }
        public int? EntreesTotal { get; set; }
        public int EntreesTraitees { get; set; }
        public string Resume { get; set; } = "{}";
        public string? Message { get; set; }
        public int Rejets { get; set; }
        public Guid? EtablissementId { get; set; }
    }

    public const string ImportsSql = """
        SELECT i.id, i.nature, i.annee_scolaire AS anneescolaire, i.rentree, i.date_export::timestamp AS dateexport, i.source, i.etat,
               i.cree_le AS creele, i.commence_le AS commencele, i.termine_le AS terminele, i.entrees_total AS entreestotal,
               i.entrees_traitees AS entreestraitees, i.resume::text AS resume, i.message,
               (SELECT count(*)::int FROM identite.import_aaf_rejet r WHERE r.import_id = i.id) AS rejets, i.etablissement_id AS etablissementid
        FROM identite.import_aaf i
        """;

    private static ImportResume Convertir(Ligne l)
    {
        var resume = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(l.Resume) ?? [];
        return new ImportResume(l.Id, l.Nature, l.AnneeScolaire, l.Rentree, l.DateExport is { } d ? DateOnly.FromDateTime(d) : null, l.Source, l.Etat,
            l.CreeLe, l.CommenceLe, l.TermineLe, l.EntreesTotal, l.EntreesTraitees,
            resume.ToDictionary(r => r.Key, r => new CompteurResume(r.Value.GetValueOrDefault("crees"), r.Value.GetValueOrDefault("modifies"),
                r.Value.GetValueOrDefault("desactives"))),
            l.Message, l.Rejets);
    }

    public static async Task<IReadOnlyList<ImportResume>> ListerAsync(NpgsqlConnection conn, string filtre, object parametres, CancellationToken ct) =>
        [.. (await conn.QueryAsync<Ligne>(new CommandDefinition($"{ImportsSql} {filtre}", parametres, cancellationToken: ct))).Select(Convertir)];

    /// <summary>The import and the établissement it was made for (null: region-wide), or null when it does not exist.</summary>
    public static async Task<(ImportDetail Detail, Guid? EtablissementId)?> LireAsync(NpgsqlConnection conn, Guid id, CancellationToken ct)
    {
        var ligne = await conn.QuerySingleOrDefaultAsync<Ligne>(new CommandDefinition($"{ImportsSql} WHERE i.id = @id", new { id }, cancellationToken: ct));
        if (ligne is null)
        {
            return null;
        }

        var rejets = await conn.QueryAsync<RejetImport>(new CommandDefinition("""
            SELECT fichier, ligne, jointure, motif FROM identite.import_aaf_rejet WHERE import_id = @id ORDER BY numero LIMIT @max
            """, new { id, max = RejetsMax }, cancellationToken: ct));
        return (new ImportDetail(Convertir(ligne), [.. rejets]), ligne.EtablissementId);
    }

    private static readonly (string Sorte, string Libelle)[] Libelles =
    [
        ("etablissements", "Établissements"), ("eleves", "Élèves"), ("responsables", "Responsables"), ("personnels", "Personnels"),
        ("comptes", "Comptes"), ("liens", "Liens responsable-élève"), ("classes", "Classes"), ("groupes", "Groupes"), ("matieres", "Matières"),
        ("inscriptions", "Inscriptions (classes, groupes)"), ("services", "Services d'enseignement"), ("professeursPrincipaux", "Professeurs principaux"),
    ];

    /// <summary>The French summary the command line prints.</summary>
    public static string Texte(ImportDetail detail)
    {
        var i = detail.Import;
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var etat = i.Etat switch
        {
            "termine" => "terminé",
            "refuse" => "REFUSÉ",
            "echoue" => "ÉCHOUÉ",
            "en_cours" => "en cours",
            _ => "en attente",
        };
        var sb = new StringBuilder();
        sb.AppendLine(fr, $"Import AAF {i.Id}");
        sb.AppendLine(fr, $"  Export {(i.Nature == "complet" ? "complet" : "delta")}{(i.DateExport is { } d ? $" du {d.ToString("dd/MM/yyyy", fr)}" : string.Empty)}, " +
                          $"année scolaire {i.AnneeScolaire}{(i.Rentree ? " (rentrée)" : string.Empty)}");
        sb.AppendLine(fr, $"  État : {etat}{(i.EntreesTotal is { } t ? $" — {t} entrée(s) lue(s)" : string.Empty)}");
        if (i.Message is { } m)
        {
            sb.AppendLine(fr, $"  {m}");
        }

        if (i.Resume.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(fr, $"  {"",-34}{"créés",8}{"modifiés",10}{"désactivés",12}");
            foreach (var (sorte, libelle) in Libelles)
            {
                if (i.Resume.TryGetValue(sorte, out var c))
                {
                    sb.AppendLine(fr, $"  {libelle,-34}{c.Crees,8}{c.Modifies,10}{c.Desactives,12}");
                }
            }
        }

        sb.AppendLine();
        sb.AppendLine(fr, $"  Entrées rejetées : {i.Rejets}");
        foreach (var r in detail.Rejets.Take(200))
        {
            sb.AppendLine(fr, $"    {r.Fichier}{(r.Ligne is { } l ? $", ligne {l}" : string.Empty)}{(r.Jointure is { } j ? $" ({j})" : string.Empty)} : {r.Motif}");
        }

        if (i.Rejets > 200)
        {
            sb.AppendLine(fr, $"    … et {i.Rejets - 200} autre(s) : voir l'écran des imports ou GET /api/identite/imports/{i.Id}.");
        }

        return sb.ToString();
    }
}
