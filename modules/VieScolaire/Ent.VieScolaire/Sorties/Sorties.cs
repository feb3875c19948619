using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>A pupil's regime: whether they eat and sleep at school, which decides when they may leave it.</summary>
internal static class Regimes
{
    public const string Externe = "externe";
    public const string DemiPensionnaire = "demi_pensionnaire";
    public const string Interne = "interne";

    public static readonly string[] Tous = [Externe, DemiPensionnaire, Interne];
}

/// <summary>The standing authorisations a legal guardian signs for the school year, with their French labels.</summary>
internal static class TypesAutorisation
{
    public const string AbsenceProfesseurFinJournee = "absence_professeur_fin_journee";
    public const string HeuresLibres = "heures_libres";
    public const string PauseMeridienne = "pause_meridienne";

    public static readonly (string Code, string Libelle)[] Tous =
    [
        (AbsenceProfesseurFinJournee, "Sortie en cas d'absence d'un professeur en fin de journée"),
        (HeuresLibres, "Sortie pendant les heures libres"),
        (PauseMeridienne, "Sortie pendant la pause méridienne"),
    ];

    public static bool Existe(string? code) => Tous.Any(t => t.Code == code);

    /// <summary>
    /// Whether the authorisation means something for the regime. Externes do not eat at school: they leave at lunch by
    /// their regime, whatever was signed, so the lunch-break authorisation does not apply to them. Demi-pensionnaires and
    /// internes eat at school and leave between their meal and the afternoon only if a guardian allows it. An unknown
    /// regime (not set yet) applies everything. Signatures are kept whatever the regime: it may change during the year.
    /// </summary>
    public static bool Applicable(string type, string? regime) => !(type == PauseMeridienne && regime == Regimes.Externe);
}

/// <summary>Who signed, handled or cancelled: a name, nothing more.</summary>
/// <param name="Id">The person.</param>
/// <param name="Nom">Family name.</param>
/// <param name="Prenom">First name.</param>
internal sealed record PersonneSortie(Guid Id, string Nom, string Prenom);

/// <summary>A standing authorisation of the pupil for the school year, as its latest signature left it.</summary>
/// <param name="Type">absence_professeur_fin_journee, heures_libres or pause_meridienne.</param>
/// <param name="Libelle">What it allows, in French.</param>
/// <param name="Applicable">False when the pupil's regime makes it pointless (the lunch break of an externe).</param>
/// <param name="Accordee">True granted, false refused, null never signed this school year.</param>
/// <param name="SigneePar">The guardian who signed last, if any.</param>
/// <param name="SigneeLe">When (UTC).</param>
internal sealed record AutorisationSortie(string Type, string Libelle, bool Applicable, bool? Accordee, PersonneSortie? SigneePar, DateTime? SigneeLe);

/// <summary>One signature of a standing authorisation, as the history keeps it.</summary>
/// <param name="Type">The authorisation's type.</param>
/// <param name="Accordee">Granted or refused.</param>
/// <param name="SigneePar">The guardian.</param>
/// <param name="SigneeLe">When (UTC).</param>
internal sealed record SignatureAutorisationSortie(string Type, bool Accordee, PersonneSortie SigneePar, DateTime SigneeLe);

/// <summary>A one-off exit request.</summary>
/// <param name="Id">The request.</param>
/// <param name="EleveId">The pupil.</param>
/// <param name="Date">The day the pupil leaves.</param>
/// <param name="HeureSortie">When they leave, « HH:mm » (Paris time).</param>
/// <param name="HeureRetour">When they come back, if they do.</param>
/// <param name="Motif">The guardian's reason.</param>
/// <param name="SigneePar">The guardian who signed the request.</param>
/// <param name="SigneeLe">When they signed (UTC).</param>
/// <param name="Attestation">The statement the guardian certified, word for word.</param>
/// <param name="Statut">en_attente, acceptee, refusee or annulee.</param>
/// <param name="TraiteePar">Who of the vie scolaire desk accepted or refused it.</param>
/// <param name="TraiteeLe">When (UTC).</param>
/// <param name="Commentaire">The desk's comment, if any.</param>
/// <param name="AnnuleePar">The guardian who cancelled it.</param>
/// <param name="AnnuleeLe">When (UTC).</param>
internal sealed record DemandeSortie(
    Guid Id, Guid EleveId, DateOnly Date, string HeureSortie, string? HeureRetour, string Motif, PersonneSortie SigneePar, DateTime SigneeLe,
    string Attestation, string Statut, PersonneSortie? TraiteePar, DateTime? TraiteeLe, string? Commentaire, PersonneSortie? AnnuleePar,
    DateTime? AnnuleeLe);

/// <summary>A pupil's exits for the school year: regime, standing authorisations and one-off requests.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="AnneeScolaire">The school year, e.g. 2026-2027.</param>
/// <param name="Regime">externe, demi_pensionnaire or interne; null until the desk sets it.</param>
/// <param name="Autorisations">The three standing authorisations, always in the same order.</param>
/// <param name="Historique">Every signature of the year, newest first.</param>
/// <param name="Demandes">The year's one-off requests, the latest date first.</param>
internal sealed record SortiesEleve(
    Guid EleveId, string AnneeScolaire, string? Regime, AutorisationSortie[] Autorisations, SignatureAutorisationSortie[] Historique,
    DemandeSortie[] Demandes);

/// <summary>Reading the exit records, shared by the endpoints that answer with them.</summary>
internal static class LectureSorties
{
    /// <summary>A demande_sortie row, before the people's names are looked up.</summary>
    internal sealed record LigneDemande(
        Guid Id, Guid EtablissementId, Guid EleveId, DateOnly Date, string HeureSortie, string? HeureRetour, string Motif, Guid SigneePar,
        DateTime SigneeLe, string Attestation, string Statut, Guid? TraiteePar, DateTime? TraiteeLe, string? Commentaire, Guid? AnnuleePar,
        DateTime? AnnuleeLe)
    {
        public IEnumerable<Guid> Personnes() => new[] { SigneePar, TraiteePar, AnnuleePar }.OfType<Guid>();
    }

    /// <summary>The columns of <see cref="LigneDemande"/>; times as « HH:mm ».</summary>
    public const string ColonnesDemande = """
        id, etablissement_id, eleve_id, date, to_char(heure_sortie, 'HH24:MI') AS heure_sortie,
        to_char(heure_retour, 'HH24:MI') AS heure_retour, motif, signee_par, signee_le, attestation, statut, traitee_par, traitee_le,
        commentaire, annulee_par, annulee_le
        """;

    private const string Sql = $"""
        SELECT regime FROM viescolaire.regime_eleve WHERE eleve_id = @eleveId AND annee_scolaire = @annee;
        SELECT type, accordee, signee_par, signee_le FROM viescolaire.autorisation_sortie
        WHERE eleve_id = @eleveId AND annee_scolaire = @annee ORDER BY signee_le DESC, id DESC;
        SELECT {ColonnesDemande} FROM viescolaire.demande_sortie
        WHERE eleve_id = @eleveId AND date BETWEEN @debut AND @fin
        ORDER BY date DESC, heure_sortie DESC, signee_le DESC LIMIT 200;
        """;

    public static async Task<SortiesEleve> ChargerAsync(NpgsqlConnection conn, Guid eleveId, string annee, IAnnuaire annuaire,
        CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        var (debut, fin) = Horaires.Bornes(annee);
        string? regime;
        List<(string Type, bool Accordee, Guid SigneePar, DateTime SigneeLe)> signatures;
        List<LigneDemande> demandes;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { eleveId, annee, debut, fin }, tx, cancellationToken: ct)))
        {
            regime = await lecture.ReadSingleOrDefaultAsync<string>();
            signatures = (await lecture.ReadAsync<(string, bool, Guid, DateTime)>()).AsList();
            demandes = (await lecture.ReadAsync<LigneDemande>()).AsList();
        }

        var noms = await NomsAsync(annuaire, signatures.Select(s => s.SigneePar).Concat(demandes.SelectMany(d => d.Personnes())), ct);
        var autorisations = TypesAutorisation.Tous.Select(t =>
        {
            // Rows come newest first: the first of a type is its latest signature, the one in force.
            var derniere = signatures.FirstOrDefault(s => s.Type == t.Code);
            return derniere.Type is null
                ? new AutorisationSortie(t.Code, t.Libelle, TypesAutorisation.Applicable(t.Code, regime), null, null, null)
                : new AutorisationSortie(t.Code, t.Libelle, TypesAutorisation.Applicable(t.Code, regime), derniere.Accordee,
                    noms(derniere.SigneePar), derniere.SigneeLe);
        }).ToArray();
        var historique = signatures.Select(s => new SignatureAutorisationSortie(s.Type, s.Accordee, noms(s.SigneePar), s.SigneeLe)).ToArray();
        return new SortiesEleve(eleveId, annee, regime, autorisations, historique, demandes.Select(d => Vue(d, noms)).ToArray());
    }

    private const string DemandeSql = $"SELECT {ColonnesDemande} FROM viescolaire.demande_sortie WHERE id = @id";

    /// <summary>One request, locked for the transaction when one is given (a visa and a cancellation never cross).</summary>
    public static Task<LigneDemande?> TrouverDemandeAsync(NpgsqlConnection conn, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        conn.QuerySingleOrDefaultAsync<LigneDemande>(new CommandDefinition(tx is null ? DemandeSql : DemandeSql + " FOR UPDATE", new { id }, tx,
            cancellationToken: ct));

    /// <summary>Why a handled or cancelled request no longer changes, in French.</summary>
    public static string DejaTraitee(LigneDemande d) => d.Statut switch
    {
        "acceptee" => "La vie scolaire a déjà accepté cette demande de sortie : elle ne peut plus changer.",
        "refusee" => "La vie scolaire a déjà refusé cette demande de sortie : elle ne peut plus changer.",
        _ => "Cette demande de sortie a été annulée : elle ne peut plus changer.",
    };

    /// <summary>One request as the API shows it, its people named.</summary>
    public static async Task<DemandeSortie> VueAsync(LigneDemande ligne, IAnnuaire annuaire, CancellationToken ct) =>
        Vue(ligne, await NomsAsync(annuaire, ligne.Personnes(), ct));

    public static DemandeSortie Vue(LigneDemande d, Func<Guid, PersonneSortie> noms) => new(
        d.Id, d.EleveId, d.Date, d.HeureSortie, d.HeureRetour, d.Motif, noms(d.SigneePar), d.SigneeLe, d.Attestation, d.Statut,
        d.TraiteePar is { } t ? noms(t) : null, d.TraiteeLe, d.Commentaire, d.AnnuleePar is { } a ? noms(a) : null, d.AnnuleeLe);

    /// <summary>
    /// Names the people from the directory, in one call. A person the directory no longer knows (an account deleted since)
    /// keeps their id with an empty name rather than failing the page.
    /// </summary>
    public static async Task<Func<Guid, PersonneSortie>> NomsAsync(IAnnuaire annuaire, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distincts = ids.Distinct().ToArray();
        var personnes = distincts.Length == 0
            ? new Dictionary<Guid, PersonneInfo>()
            : (await annuaire.TrouverPersonnesAsync(distincts, ct)).ToDictionary(p => p.Id);
        return id => personnes.TryGetValue(id, out var p) ? new PersonneSortie(p.Id, p.Nom, p.Prenom) : new PersonneSortie(id, "", "");
    }

    /// <summary>
    /// True when the person is one of the pupil's legal guardians. Only they sign exits: the access rules let teachers and
    /// the desk write attendance too, but an authorisation to leave is the parental authority's alone.
    /// </summary>
    public static async Task<bool> EstResponsableLegalAsync(IAnnuaire annuaire, Guid personneId, Guid eleveId, CancellationToken ct) =>
        (await annuaire.ListerResponsablesLegauxAsync([eleveId], ct)).Any(r => r.ResponsableId == personneId);
}
