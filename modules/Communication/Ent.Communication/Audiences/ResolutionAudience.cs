using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;

namespace Ent.Communication.Audiences;

/// <summary>
/// The audience model of Communication (issue #16), shared by announcements and the school calendar: who may address
/// whom, and who an audience is (for an announcement; for a calendar event, whom to notify of it), in a few set queries (an établissement-wide audience is some 1,200 pupils and 2,000
/// guardians: never a query per person).
/// </summary>
internal sealed class ResolutionAudience(IAnnuaire annuaire, IReglesAcces regles, IDivisions divisions)
{
    /// <summary>What the person may address in the établissement, or null when they may address no one there.</summary>
    public async Task<AudiencePossible?> PossibleAsync(Guid personneId, Guid etablissementId, CancellationToken ct)
    {
        // The direction and the vie scolaire desk speak for the établissement.
        if (await regles.PeutSuivreVieScolaireAsync(personneId, etablissementId, ct) || await regles.PeutAdministrerAsync(personneId, etablissementId, ct))
        {
            return new AudiencePossible(true, await divisions.DeLEtablissementAsync(etablissementId, ct), ProfilsAudience.Tous);
        }

        // A teacher speaks to the classes and groups they teach, this school year, in this établissement.
        var siennes = (await divisions.DeLEnseignantAsync(personneId, ct)).Where(d => d.EtablissementId == etablissementId).ToList();
        return siennes.Count == 0 ? null : new AudiencePossible(false, siennes, ProfilsAudience.Tous);
    }

    /// <summary>
    /// The audience in words: « Familles, Élèves — tout l'établissement », « Familles — Seconde 1, Espagnol LV2 ».
    /// <paramref name="connues"/> names the divisions (those of <see cref="AudiencePossible"/>).
    /// </summary>
    public static string Libelle(Audience audience, IReadOnlyList<DivisionInfo> connues)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var profils = string.Join(", ", ProfilsAudience.Tous.Where(audience.Vise).Select(ProfilsAudience.Libelle));
        var ou = audience.Etablissement
            ? "tout l'établissement"
            : string.Join(", ", audience.Divisions().Select(id => connues.FirstOrDefault(d => d.Id == id)?.Libelle ?? "?"));
        var libelle = $"{profils} — {ou}";
        return libelle.Length <= 500 ? libelle : libelle[..499] + "…";
    }

    /// <summary>
    /// The people a school calendar's event concerns — those whose calendar shows it by invitation (Agenda/Regards.cs's
    /// rules, read the other way round): for an event of some classes and groups, the invited pupils and families of those
    /// divisions and, whatever the profiles invited, their teaching team (a class's council concerns its teachers); for
    /// the whole établissement, the invited pupils, families and staff. The direction, CPE and local administrators, who
    /// see every event to manage it, are concerned only as the invited staff or teachers they are.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ConcernesParEvenementAsync(Guid etablissementId, IReadOnlyList<Guid> divisionIds, IReadOnlyList<string> profils,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(divisionIds);
        IReadOnlyList<string> invites = divisionIds.Count > 0 ? [.. profils.Append(ProfilsAudience.Personnels).Distinct(StringComparer.Ordinal)] : profils;
        var cible = await ResoudreAsync(etablissementId, new Audience(divisionIds.Count == 0, divisionIds, [], invites), ct);
        return [.. cible.Destinataires.Select(d => d.PersonneId)];
    }

    /// <summary>Expands a checked audience of the établissement into its people and families.</summary>
    public async Task<Cible> ResoudreAsync(Guid etablissementId, Audience audience, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var divisionIds = audience.Etablissement ? null : audience.Divisions();
        var familles = audience.Vise(ProfilsAudience.Familles);
        var eleves = audience.Vise(ProfilsAudience.Eleves);

        var listeEleves = familles || eleves ? await divisions.ElevesAsync(etablissementId, divisionIds, ct) : [];
        var responsables = familles && listeEleves.Count > 0
            ? await annuaire.ListerResponsablesLegauxAsync([.. listeEleves.Select(e => e.EleveId)], ct)
            : [];

        IEnumerable<Guid> personnels = [];
        if (audience.Vise(ProfilsAudience.Personnels))
        {
            personnels = divisionIds is null
                ? (await annuaire.ListerPersonnesAsync(etablissementId, Profils.Enseignant, ct)).Select(p => p.Id)
                    .Concat((await annuaire.ListerPersonnesAsync(etablissementId, Profils.Personnel, ct)).Select(p => p.Id))
                : await divisions.EnseignantsAsync(divisionIds, ct);
        }

        // Later capacities overwrite earlier ones: a member of staff who is also a parent is addressed as a family.
        var destinataires = new Dictionary<Guid, string>();
        foreach (var id in personnels)
        {
            destinataires[id] = "personnel";
        }

        if (eleves)
        {
            foreach (var e in listeEleves)
            {
                destinataires[e.EleveId] = "eleve";
            }
        }

        var classes = listeEleves.ToDictionary(e => e.EleveId, e => e.ClasseCode);
        var ciblees = new List<FamilleCiblee>(responsables.Count);
        foreach (var r in responsables)
        {
            destinataires[r.ResponsableId] = "responsable";
            ciblees.Add(new FamilleCiblee(r.EleveId, r.ResponsableId, classes.GetValueOrDefault(r.EleveId)));
        }

        return new Cible([.. destinataires.Select(d => (d.Key, d.Value))], ciblees);
    }
}
