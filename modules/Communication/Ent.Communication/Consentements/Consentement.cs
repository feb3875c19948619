using System.Globalization;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// The rules of consent forms (issue 17), in one place. Who organises: a teacher, for the classes and groups they teach
/// this year, and the établissement's direction (head, local administrators), for any of them. Who follows a form up
/// (per-pupil answers, reminders, exports, documents): its organiser, the direction and the vie scolaire desk (the CPE,
/// who has the list on the day of the outing). Anyone else is told it does not exist. Who answers: each legal guardian
/// of a pupil asked, for that pupil, until the deadline.
/// </summary>
internal static class Consentement
{
    internal static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A pupil's standing: « en_attente » (no guardian answered), « accorde », « refuse ».</summary>
    internal const string EnAttente = "en_attente";
    internal const string Accorde = "accorde";
    internal const string Refuse = "refuse";

    internal sealed record Ligne(Guid Id, Guid EtablissementId, Guid OrganisateurId, string Titre, string Description, string Lieu, DateTimeOffset Debut,
        DateTimeOffset Fin, int CoutCentimes, DateTimeOffset DateLimite, string DivisionsLibelle, DateTimeOffset CreeLe, DateTimeOffset? RelanceLe);

    internal const string Colonnes = "id, etablissement_id, organisateur_id, titre, description, lieu, debut, fin, cout_centimes, date_limite, divisions_libelle, cree_le, relance_le";

    private const string Sql = $"SELECT {Colonnes} FROM communication.consentement WHERE id = @id";

    /// <summary>
    /// The classes and groups the person may ask consent of in the établissement — all of them for its direction, those
    /// they teach for a teacher — or null when they organise nothing there.
    /// </summary>
    public static async Task<IReadOnlyList<DivisionInfo>?> DivisionsPossiblesAsync(IReglesAcces regles, IDivisions divisions, Guid personneId,
        Guid etablissementId, CancellationToken ct)
    {
        if (await regles.PeutAdministrerAsync(personneId, etablissementId, ct))
        {
            return await divisions.DeLEtablissementAsync(etablissementId, ct);
        }

        var siennes = (await divisions.DeLEnseignantAsync(personneId, ct)).Where(d => d.EtablissementId == etablissementId).ToList();
        return siennes.Count == 0 ? null : siennes;
    }

    /// <summary>Whether the person follows every form of the établissement up (direction, vie scolaire desk).</summary>
    public static async Task<bool> SuitToutAsync(IReglesAcces regles, Guid personneId, Guid etablissementId, CancellationToken ct) =>
        await regles.PeutAdministrerAsync(personneId, etablissementId, ct) || await regles.PeutSuivreVieScolaireAsync(personneId, etablissementId, ct);

    /// <summary>The form when the person may follow it up, otherwise null (as if it did not exist).</summary>
    public static async Task<Ligne?> TrouverAsync(NpgsqlConnection conn, IReglesAcces regles, Guid personneId, Guid id, CancellationToken ct,
        NpgsqlTransaction? tx = null)
    {
        var ligne = await conn.QuerySingleOrDefaultAsync<Ligne>(new CommandDefinition(Sql, new { id }, tx, cancellationToken: ct));
        return ligne is not null && (ligne.OrganisateurId == personneId || await SuitToutAsync(regles, personneId, ligne.EtablissementId, ct))
            ? ligne
            : null;
    }

    public static string Introuvable(Guid id) => $"Aucune demande d'autorisation ne correspond à {id}.";

    /// <summary>
    /// A pupil's standing from their guardians' answers in force: one refusal is enough to keep the pupil at school (the
    /// prudent reading when parents disagree), one consent with no refusal lets them go.
    /// </summary>
    public static string Statut(IEnumerable<bool?> accords)
    {
        var reponses = accords.Where(a => a is not null).Select(a => a!.Value).ToList();
        return reponses.Count == 0 ? EnAttente : reponses.Contains(false) ? Refuse : Accorde;
    }

    public static string Jour(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris).ToString("dddd d MMMM yyyy", Francais);

    public static string Heure(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris).ToString("HH'h'mm", Francais);

    /// <summary>« le mardi 12 mai 2026 de 09h00 à 16h00 », or across days « du … au … ».</summary>
    public static string Quand(DateTimeOffset debut, DateTimeOffset fin) =>
        TimeZoneInfo.ConvertTime(debut, Paris).Date == TimeZoneInfo.ConvertTime(fin, Paris).Date
            ? $"le {Jour(debut)} de {Heure(debut)} à {Heure(fin)}"
            : $"du {Jour(debut)} à {Heure(debut)} au {Jour(fin)} à {Heure(fin)}";

    public static string Cout(int centimes) =>
        centimes == 0 ? "gratuite pour les familles" : $"d'un coût de {(centimes / 100m).ToString("0.00", Francais)} € par élève";

    /// <summary>
    /// The statement a guardian signs, word for word as it is kept with the answer: who, for which child, yes or no, what,
    /// where, when, at what cost.
    /// </summary>
    public static string Attestation(string signataire, string eleve, bool accord, Ligne c) =>
        $"Je soussigné(e) {signataire}, responsable légal(e) de {eleve}, {(accord ? "autorise" : "n'autorise pas")} mon enfant à participer à " +
        $"« {c.Titre} » ({c.Lieu}, {Quand(c.Debut, c.Fin)}), sortie ou projet {Cout(c.CoutCentimes)}. Je certifie être titulaire de " +
        "l'autorité parentale et avoir pris connaissance des informations et documents de cette demande.";
}
