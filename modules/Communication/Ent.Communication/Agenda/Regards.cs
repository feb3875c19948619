using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;

namespace Ent.Communication.Agenda;

/// <summary>How a person looks at an établissement's calendar.</summary>
internal enum Role
{
    /// <summary>A pupil: the events inviting pupils, of the whole établissement or of their classes and groups.</summary>
    Eleve,

    /// <summary>A guardian, for one child: the events inviting families, of the whole établissement or of the child's classes.</summary>
    Famille,

    /// <summary>A teacher: the events inviting staff of the whole établissement, every event of the classes they teach, their own.</summary>
    Enseignant,

    /// <summary>Other staff (nurse, office…): the events inviting the whole établissement's staff.</summary>
    Personnel,

    /// <summary>Direction, CPE, local administrators: every event of the établissement, which they manage.</summary>
    Gestionnaire,
}

/// <summary>One way a person looks at one établissement's calendar; a person may hold several (a teacher who is a parent).</summary>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="Role">As what.</param>
/// <param name="Divisions">The pupil's (or the child's) classes and groups, the teacher's; empty otherwise.</param>
/// <param name="Enfant">For a guardian: the child's first name.</param>
internal sealed record Regard(Guid EtablissementId, Role Role, IReadOnlySet<Guid> Divisions, string? Enfant = null)
{
    public bool Personnel => Role is Role.Enseignant or Role.Personnel or Role.Gestionnaire;
}

/// <summary>
/// Who sees which event, and who changes it: the calendar's rules in one place, for its pages, its .ics download and
/// Scolarité's iCal feed alike. A person's regards come from their profiles as they are now (Identité), the classes and
/// groups of this school year (Scolarité), and for a guardian the children the access rules let them read
/// (TravailScolaire, as the timetable's feed): a contact without parental authority sees no child's class events.
/// <para>
/// The same rules read the other way round — who an event concerns, for its notifications — are
/// <see cref="Audiences.ResolutionAudience.ConcernesParEvenementAsync"/>: change one, change the other
/// (AgendaTests.Un_evenement_cree_est_notifie… checks they agree on the cast). Both take the managers (direction, CPE,
/// local administrators) and a teacher's classes from the same sources (Identité's functions, Scolarité's
/// DeLEnseignantAsync). They stay two codes for now (issue #16, annonces2): this one answers « what does this person
/// see » per request for the pages and the iCal feed, that one « who is in this audience » set-based for thousands of
/// recipients; merging them means one model of an audience that answers both, which the calendar's and the
/// announcements' tests would have to pin first.
/// </para>
/// </summary>
internal sealed class Regards(IAnnuaire annuaire, IReglesAcces regles, IDivisions divisions)
{
    private static readonly string[] FonctionsGestion = [Fonctions.Direction, Fonctions.Cpe, Fonctions.AdministrateurLocal];

    public async Task<IReadOnlyList<Regard>> DeAsync(Guid personneId, CancellationToken ct)
    {
        var rattachements = await annuaire.ListerRattachementsAsync(personneId, ct);
        var regards = new List<Regard>();
        var enseigne = rattachements.Any(r => r.Profil == Profils.Enseignant)
            ? (await divisions.DeLEnseignantAsync(personneId, ct)).ToLookup(d => d.EtablissementId, d => d.Id)
            : null;
        foreach (var r in rattachements)
        {
            switch (r.Profil)
            {
                case Profils.Personnel:
                    regards.Add(new Regard(r.EtablissementId, r.Fonction is { } f && FonctionsGestion.Contains(f) ? Role.Gestionnaire : Role.Personnel, Vide));
                    break;
                case Profils.Enseignant:
                    regards.Add(new Regard(r.EtablissementId, Role.Enseignant, enseigne![r.EtablissementId].ToHashSet()));
                    break;
            }
        }

        // Pupils: the person themself, and the children whose school work the rules let them read.
        var eleves = new List<(Guid Id, string? Prenom)>();
        if (rattachements.Any(r => r.Profil == Profils.Eleve)
            && await regles.PeutLireAsync(personneId, personneId, Domaine.TravailScolaire, ct))
        {
            eleves.Add((personneId, null));
        }

        if (rattachements.Any(r => r.Profil == Profils.Responsable))
        {
            foreach (var enfant in await annuaire.ListerEnfantsAsync(personneId, ct))
            {
                if (enfant.Id != personneId && await regles.PeutLireAsync(personneId, enfant.Id, Domaine.TravailScolaire, ct))
                {
                    eleves.Add((enfant.Id, enfant.Prenom));
                }
            }
        }

        if (eleves.Count > 0)
        {
            var inscriptions = (await divisions.DesElevesAsync([.. eleves.Select(e => e.Id)], ct)).ToLookup(i => i.EleveId, i => i.DivisionId);
            foreach (var (id, prenom) in eleves)
            {
                if (await annuaire.TrouverEtablissementEleveAsync(id, ct) is { } etablissement)
                {
                    regards.Add(new Regard(etablissement.Id, prenom is null ? Role.Eleve : Role.Famille, inscriptions[id].ToHashSet(), prenom));
                }
            }
        }

        return regards;
    }

    private static readonly IReadOnlySet<Guid> Vide = new HashSet<Guid>();

    /// <summary>Whether this regard shows the event (the établissement's already matched).</summary>
    public static bool Voit(Regard r, LigneEvenement e, Guid personneId)
    {
        if (r.EtablissementId != e.EtablissementId)
        {
            return false;
        }

        var pourTous = e.Divisions.Length == 0;
        return r.Role switch
        {
            Role.Gestionnaire => true,
            // A class's event concerns its teaching team and the managers, not the whole staff.
            Role.Personnel => pourTous && e.Profils.Contains(Invites.Personnels),
            // The teaching team is concerned by whatever happens to its classes (a council, a meeting with the families).
            Role.Enseignant => e.AuteurId == personneId || (pourTous ? e.Profils.Contains(Invites.Personnels) : e.Divisions.Any(r.Divisions.Contains)),
            Role.Eleve => e.Profils.Contains(Invites.Eleves) && (pourTous || e.Divisions.Any(r.Divisions.Contains)),
            Role.Famille => e.Profils.Contains(Invites.Familles) && (pourTous || e.Divisions.Any(r.Divisions.Contains)),
            _ => false,
        };
    }

    /// <summary>Whether the person may change or delete the event: its établissement's managers, a teacher their own.</summary>
    public static bool PeutModifier(IEnumerable<Regard> regards, LigneEvenement e, Guid personneId) => regards.Any(r =>
        r.EtablissementId == e.EtablissementId && (r.Role == Role.Gestionnaire || (r.Role == Role.Enseignant && e.AuteurId == personneId)));

    /// <summary>The first names of the children an event concerns, for a guardian (ordered, distinct).</summary>
    public static string[] Pour(IEnumerable<Regard> regards, LigneEvenement e, Guid personneId) =>
        [.. regards.Where(r => r.Role == Role.Famille && Voit(r, e, personneId)).Select(r => r.Enfant!).Distinct().Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))];

    /// <summary>
    /// Whether the person may read the event (its page, its .ics): any staff member of its établissement reads the whole
    /// school calendar; others, the events their regards show.
    /// </summary>
    public static bool PeutLire(IEnumerable<Regard> regards, LigneEvenement e, Guid personneId) =>
        regards.Any(r => r.Personnel && r.EtablissementId == e.EtablissementId) || regards.Any(r => Voit(r, e, personneId));
}
