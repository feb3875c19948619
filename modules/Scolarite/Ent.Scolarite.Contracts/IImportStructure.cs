using Npgsql;

namespace Ent.Scolarite.Contracts;

/// <summary>Where an imported item came from, so that what cannot be applied is reported with its file and line.</summary>
/// <param name="Fichier">The AAF file's name.</param>
/// <param name="Ligne">The entry's line in it.</param>
/// <param name="Jointure">The entry's AAF join key.</param>
public sealed record OrigineImport(string Fichier, int Ligne, string Jointure);

/// <summary>A class of the export: its code, label and level (seconde, premiere, terminale; null when unknown).</summary>
public sealed record ClasseImportee(string Code, string Libelle, string? Niveau, OrigineImport Origine);

/// <summary>A group of the export.</summary>
public sealed record GroupeImporte(string Code, string Libelle, OrigineImport Origine);

/// <summary>A subject of the export: its national code (ENTMatJointure) and label.</summary>
public sealed record MatiereImportee(string Code, string Libelle);

/// <summary>A pupil's classes and groups (codes) for the year, as the export gives them: replaces the year's enrolments.</summary>
public sealed record InscriptionImportee(Guid EleveId, IReadOnlyList<string> Classes, IReadOnlyList<string> Groupes, OrigineImport Origine);

/// <summary>A teacher's services (subject × class or group) and the classes they are head teacher of, for the year.</summary>
public sealed record EnseignantImporte(Guid EnseignantId, IReadOnlyList<ServiceImporte> Services, IReadOnlyList<string> ClassesPrincipal, OrigineImport Origine);

/// <summary>One teaching service: a subject code and a class code or a group code.</summary>
public sealed record ServiceImporte(string MatiereCode, string? ClasseCode, string? GroupeCode);

/// <summary>
/// What a directory import says of one établissement's structure for one school year. Pupils and teachers listed replace
/// their enrolments and services of that year; those withdrawn lose that year's enrolments (never the history).
/// </summary>
public sealed record StructureImportee(
    Guid EtablissementId,
    string AnneeScolaire,
    IReadOnlyList<ClasseImportee> Classes,
    IReadOnlyList<GroupeImporte> Groupes,
    IReadOnlyList<MatiereImportee> Matieres,
    IReadOnlyList<InscriptionImportee> Inscriptions,
    IReadOnlyList<EnseignantImporte> Enseignants,
    IReadOnlyList<Guid> ElevesRetires,
    IReadOnlyList<Guid> EnseignantsRetires);

/// <summary>How many items of a kind an import created, changed and withdrew.</summary>
public sealed class CompteurImport
{
    public int Crees { get; set; }

    public int Modifies { get; set; }

    public int Desactives { get; set; }
}

/// <summary>An item the import could not apply (an unknown class, a subject without label…), in French.</summary>
public sealed record AnomalieImport(OrigineImport Origine, string Motif);

/// <summary>What Scolarité did: counts per kind (classes, groupes, matieres, inscriptions, services, professeursPrincipaux).</summary>
public sealed record BilanStructure(IReadOnlyDictionary<string, CompteurImport> Resume, IReadOnlyList<AnomalieImport> Anomalies);

/// <summary>
/// Scolarité's side of the directory import (AAF): classes, groups, subjects, enrolments, teaching services and head
/// teachers. Runs in the import's transaction for the établissement, so that the établissement's import is all or nothing.
/// </summary>
public interface IImportStructure
{
    /// <summary>The school year an import feeds: the current one, or the next one for a rentrée import.</summary>
    string AnneeScolaire(bool rentree);

    Task<BilanStructure> AppliquerAsync(NpgsqlConnection connexion, NpgsqlTransaction transaction, StructureImportee importee, CancellationToken ct);
}
