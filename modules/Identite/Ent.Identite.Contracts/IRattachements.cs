namespace Ent.Identite.Contracts;

/// <summary>A person's active profile in an établissement (a withdrawn one is left out), with the function of personnel.</summary>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="Profil">eleve, responsable, enseignant or personnel (<see cref="Profils"/>).</param>
/// <param name="Fonction">For personnel: cpe, direction… (<see cref="Fonctions"/>); null otherwise.</param>
public sealed record ProfilActif(Guid EtablissementId, string Profil, string? Fonction);

/// <summary>A person holding an active profile in an établissement, with their name.</summary>
/// <param name="Id">The person.</param>
/// <param name="Nom">Last name.</param>
/// <param name="Prenom">First name.</param>
/// <param name="Profil">eleve, responsable, enseignant or personnel.</param>
/// <param name="Fonction">For personnel: cpe, direction…; null otherwise.</param>
public sealed record PersonneRattachee(Guid Id, string Nom, string Prenom, string Profil, string? Fonction);

/// <summary>
/// Who holds which profile where, as the messaging rules (Communication) need it: the profiles of a sender, and the
/// people of an établissement by profile. Only active profiles (rattachement.retire_le IS NULL) and active accounts count:
/// a teacher who left is nobody's recipient any more.
/// </summary>
public interface IRattachements
{
    /// <summary>The person's active profiles, in every établissement.</summary>
    Task<IReadOnlyList<ProfilActif>> ProfilsAsync(Guid personneId, CancellationToken ct);

    /// <summary>The établissement's people holding one of the given profiles, ordered by name.</summary>
    Task<IReadOnlyList<PersonneRattachee>> PersonnesAsync(Guid etablissementId, IReadOnlyCollection<string> profils, CancellationToken ct);

    /// <summary>True for the region's administrators (identite.administrateur_region).</summary>
    Task<bool> EstAdministrateurRegionAsync(Guid personneId, CancellationToken ct);
}
