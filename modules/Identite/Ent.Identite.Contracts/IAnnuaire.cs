namespace Ent.Identite.Contracts;

/// <summary>An établissement as other modules see it.</summary>
public sealed record EtablissementInfo(Guid Id, string Uai, string Nom);

/// <summary>A person of an établissement as other modules see it: an id and a display name, nothing more.</summary>
public sealed record PersonneInfo(Guid Id, string Nom, string Prenom);

/// <summary>A pupil's legal guardian (parental authority), as notifications about the pupil need it.</summary>
public sealed record ResponsableLegal(Guid EleveId, Guid ResponsableId);

/// <summary>
/// How to reach a pupil's guardian about the pupil: only guardians whose link says they receive notifications.
/// <paramref name="Mobile"/> is E.164 (+33612345678) as the directory stores it; either contact may be missing.
/// </summary>
public sealed record ContactFamille(Guid EleveId, Guid ResponsableId, string? Mobile, string? Courriel);

/// <summary>A person's e-mail address, as an e-mail to them (a digest of their messages) needs it.</summary>
public sealed record CourrielPersonne(Guid Id, string Courriel);

/// <summary>
/// A person whose account is active, as a feed read without a session needs them (Scolarité's iCal feed): whether they
/// hold an active pupil or teacher profile, and the pupils they are a guardian of (legal or not: the access rules decide
/// what each link allows).
/// </summary>
/// <param name="Id">The person.</param>
/// <param name="Eleve">An active pupil profile (not withdrawn).</param>
/// <param name="Enseignant">An active teacher profile (not withdrawn).</param>
/// <param name="Enfants">The pupils linked to them as a guardian, with an active guardian profile.</param>
public sealed record PersonneActive(Guid Id, bool Eleve, bool Enseignant, IReadOnlyList<PersonneInfo> Enfants);

/// <summary>A profile a person holds now in an établissement (not withdrawn); <paramref name="Fonction"/> for personnel only.</summary>
public sealed record RattachementInfo(Guid EtablissementId, string Profil, string? Fonction);

/// <summary>Profiles a person holds in an établissement (one word per concept, as in the database).</summary>
public static class Profils
{
    public const string Eleve = "eleve";
    public const string Responsable = "responsable";
    public const string Enseignant = "enseignant";
    public const string Personnel = "personnel";
}

/// <summary>Functions of the personnel of an établissement.</summary>
public static class Fonctions
{
    public const string Cpe = "cpe";
    public const string Direction = "direction";
    public const string Infirmier = "infirmier";
    public const string Documentaliste = "documentaliste";
    public const string Secretariat = "secretariat";
    public const string AdministrateurLocal = "administrateur_local";
}

/// <summary>The directory, read by other modules. Answers only what exists; access rules come separately.</summary>
public interface IAnnuaire
{
    Task<EtablissementInfo?> TrouverEtablissementAsync(string uai, CancellationToken ct);

    Task<EtablissementInfo?> TrouverEtablissementAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// The établissement where the pupil is enrolled (profile eleve), or null for an unknown pupil or a person who is no
    /// pupil. A pupil enrolled in several (rare: a shared course) gets the first by UAI.
    /// </summary>
    Task<EtablissementInfo?> TrouverEtablissementEleveAsync(Guid eleveId, CancellationToken ct);

    /// <summary>People attached to an établissement with a profile, ordered by name.</summary>
    Task<IReadOnlyList<PersonneInfo>> ListerPersonnesAsync(Guid etablissementId, string profil, CancellationToken ct);

    /// <summary>The given people who exist (unknown ids are left out), ordered by name as <see cref="ListerPersonnesAsync"/>.</summary>
    Task<IReadOnlyList<PersonneInfo>> TrouverPersonnesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The legal guardians of the given pupils (one row per pupil and guardian).</summary>
    Task<IReadOnlyList<ResponsableLegal>> ListerResponsablesLegauxAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);

    /// <summary>The guardians of the given pupils who receive notifications about them, with their mobile and e-mail.</summary>
    Task<IReadOnlyList<ContactFamille>> ListerContactsFamillesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);

    /// <summary>The pupils the person is a guardian of (any link; what they may read is the access rules' answer), ordered by first name.</summary>
    Task<IReadOnlyList<PersonneInfo>> ListerEnfantsAsync(Guid responsableId, CancellationToken ct);
    /// <summary>
    /// The person as of now, or null when they are unknown or their account is not active (blocked, deactivated, none):
    /// what a request carrying no session (an iCal feed's token) checks at every read.
    /// </summary>
    Task<PersonneActive?> TrouverPersonneActiveAsync(Guid personneId, CancellationToken ct);

    // issue 16 (agenda): what the school calendar shows a person depends on their profiles in each établissement.
    /// <summary>The profiles the person holds now (withdrawn ones left out), in every établissement.</summary>
    Task<IReadOnlyList<RattachementInfo>> ListerRattachementsAsync(Guid personneId, CancellationToken ct);

    // issue 16 (messagerie): the e-mail digest of unread messages goes to any person (staff, pupil, guardian).
    /// <summary>The e-mail addresses of the given people whose account is active; those without one are left out.</summary>
    Task<IReadOnlyList<CourrielPersonne>> ListerCourrielsAsync(IReadOnlyCollection<Guid> personneIds, CancellationToken ct);

    // issue 19 (langues): a notification is written in the language its recipient reads Ent in.
    /// <summary>
    /// The language each of the given people reads Ent in (<see cref="CodesLangue"/>: fr, en or ar; fr unless they chose
    /// another), keyed by person; unknown ids are left out. For notification recipients: ask once per batch.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> LanguesAsync(IReadOnlyCollection<Guid> personneIds, CancellationToken ct);
}

/// <summary>The languages a person can read Ent in (issue 19): French, the établissement's and the default; English; Arabic.</summary>
public static class CodesLangue
{
    public const string Francais = "fr";
    public const string Anglais = "en";
    public const string Arabe = "ar";
}
