namespace Ent.Kernel.Rgpd;

/// <summary>
/// Who an RGPD export is about and who asked for it. A legal guardian exports a child's data (<see cref="PersonneId"/>
/// the child) and their own (<see cref="PersonneId"/> themselves); a member of staff or a pupil of age exports their
/// own. The exporter (Identité) has checked the relation before any contribution runs.
/// </summary>
/// <param name="DemandeurId">The person who asked (the guardian, or the person themselves).</param>
/// <param name="PersonneId">The person whose data is exported.</param>
/// <param name="EstEleve">Whether <see cref="PersonneId"/> is a pupil (then the guardians' view applies).</param>
/// <param name="Instant">When the export was asked for (each contribution reads the data as it is then).</param>
public sealed record SujetExport(Guid DemandeurId, Guid PersonneId, bool EstEleve, DateTimeOffset Instant)
{
    /// <summary>Whether the person exports their own data (not a guardian exporting a child's).</summary>
    public bool Soi => DemandeurId == PersonneId;
}

/// <summary>Where a contribution writes its part of the export: files under its own section folder of the zip.</summary>
public interface IDossierExport
{
    /// <summary>Writes <paramref name="donnees"/> as indented JSON (camelCase, ISO dates) at <c>{section}/{nom}</c>.</summary>
    Task EcrireJsonAsync(string nom, object donnees, CancellationToken ct);

    /// <summary>Copies a stored document at <c>{section}/{nom}</c> (e.g. a justification's PDF).</summary>
    Task EcrireFichierAsync(string nom, Stream contenu, CancellationToken ct);

    /// <summary>A paragraph of the readable PDF summary: a title and a few short lines in plain French.</summary>
    void Resumer(string titre, IEnumerable<string> lignes);
}

/// <summary>
/// One kind of data's share of a person's RGPD export (« tout ce qu'Ent détient »). Each module registers its own
/// (<c>services.AddSingleton&lt;IContributionExport, …&gt;()</c>); the exporter runs them all, in the background.
/// A contribution exports only what <see cref="SujetExport.DemandeurId"/> may read of <see cref="SujetExport.PersonneId"/>
/// (e.g. a child's health records for a legal guardian, never a note a teacher keeps for the staff), and documents its
/// JSON in the register (<c>docs/registre-des-traitements/</c>).
/// </summary>
public interface IContributionExport
{
    /// <summary>The folder of the zip it writes into, lower case, e.g. « sante », « ressources ».</summary>
    string Section { get; }

    Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct);
}
