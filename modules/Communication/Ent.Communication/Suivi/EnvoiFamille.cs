namespace Ent.Communication.Suivi;

/// <summary>A message's fate, as the vie scolaire desk sees it.</summary>
/// <param name="Id">The message.</param>
/// <param name="EleveId">The pupil it is about.</param>
/// <param name="Eleve">The pupil's name.</param>
/// <param name="Destinataire">The recipient's name.</param>
/// <param name="Canal">sms, courriel, application or push.</param>
/// <param name="Adresse">The number or address, partly hidden (+33 6 •• •• •• 78).</param>
/// <param name="Categorie">absence, justificatif…</param>
/// <param name="Sujet">Its subject.</param>
/// <param name="Texte">Its text.</param>
/// <param name="Statut">en_attente (queued), envoye (sent), remis (delivered), echec (failed), annule (withdrawn).</param>
/// <param name="Tentatives">Tries so far.</param>
/// <param name="Erreur">Why it failed or waits, in French.</param>
/// <param name="CreeLe">Queued at.</param>
/// <param name="EnvoyeLe">Accepted by the provider at.</param>
/// <param name="RemisLe">Delivered at (the provider's receipt).</param>
internal sealed record EnvoiFamille(
    Guid Id, Guid? EleveId, string? Eleve, string? Destinataire, string Canal, string? Adresse, string Categorie, string Sujet, string Texte,
    string Statut, int Tentatives, string? Erreur, DateTimeOffset CreeLe, DateTimeOffset? EnvoyeLe, DateTimeOffset? RemisLe)
{
    public const string Colonnes = """
        id, eleve_id, personne_id, canal, adresse, categorie, sujet, texte, statut, tentatives, erreur, cree_le, envoye_le, remis_le
        """;

    internal sealed record Ligne(
        Guid Id, Guid? EleveId, Guid? PersonneId, string Canal, string? Adresse, string Categorie, string Sujet, string Texte, string Statut,
        int Tentatives, string? Erreur, DateTimeOffset CreeLe, DateTimeOffset? EnvoyeLe, DateTimeOffset? RemisLe);

    /// <summary>Names instead of ids; numbers and addresses partly hidden (the desk checks them, it does not copy them).</summary>
    public static EnvoiFamille De(Ligne l, IReadOnlyDictionary<Guid, string> noms) => new(
        l.Id, l.EleveId, l.EleveId is { } e ? noms.GetValueOrDefault(e) : null, l.PersonneId is { } p ? noms.GetValueOrDefault(p) : null,
        l.Canal, Masquer(l.Adresse), l.Categorie, l.Sujet, l.Texte, l.Statut, l.Tentatives, l.Erreur, l.CreeLe, l.EnvoyeLe, l.RemisLe);

    public static string? Masquer(string? adresse) => adresse switch
    {
        null => null,
        { Length: > 4 } when adresse.StartsWith('+') => adresse[..3] + new string('•', adresse.Length - 5) + adresse[^2..],
        _ when adresse.Contains('@', StringComparison.Ordinal) => adresse[0] + "•••" + adresse[adresse.IndexOf('@', StringComparison.Ordinal)..],
        _ => "•••",
    };
}
