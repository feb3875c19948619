using System.Collections.Frozen;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;
using static Ent.Communication.Conversations.ProfilsMessagerie;

namespace Ent.Communication.Conversations;

/// <summary>How far a rule reaches: nobody, the people linked to the sender, or the whole établissement.</summary>
internal static class Portees
{
    /// <summary>Nobody of that profile.</summary>
    public const string Aucune = "aucune";

    /// <summary>
    /// Those linked to the sender through the pupils: a family's children's teachers (head teachers included), a pupil's
    /// teachers, a teacher's pupils and their families, the pupils of one's children's classes and their families. For
    /// the CPE, the direction and the other staff (recipients or senders), who serve the whole établissement, it is the
    /// établissement.
    /// </summary>
    public const string Liens = "liens";

    /// <summary>Everyone of that profile in the établissement.</summary>
    public const string Etablissement = "etablissement";

    public static readonly string[] Toutes = [Aucune, Liens, Etablissement];
}

/// <summary>
/// Who may write to whom. The rules are data (communication.regle_messagerie, edited by each établissement's
/// administrators); this class turns them into the people and groups a sender may write to. The recipient picker and
/// the sending endpoints both ask here, so the picker offers exactly what the server accepts. A profile whose sending is
/// suspended gives no right; a blocked sender has none.
/// </summary>
internal sealed class ReglesMessagerie(
    NpgsqlDataSource db, IRattachements rattachements, IAnnuaire annuaire, IRelationsPedagogiques relations)
{
    /// <summary>
    /// The defaults of an établissement that never saved its rules (issue 16): families ↔ their children's teachers
    /// (head teachers included), the CPE and the direction; pupils → their teachers and the vie scolaire desk; teachers ↔
    /// the staff; teachers → the pupils they teach and their families (a class as a group); the CPE and the direction →
    /// anyone. No pupil ↔ pupil, no family ↔ another family, no pupil → family.
    /// </summary>
    public static readonly FrozenDictionary<(string Expediteur, string Destinataire), string> ParDefaut = new Dictionary<(string, string), string>
    {
        [(Responsable, Enseignant)] = Portees.Liens,
        [(Responsable, Cpe)] = Portees.Etablissement,
        [(Responsable, Direction)] = Portees.Etablissement,
        [(Eleve, Enseignant)] = Portees.Liens,
        [(Eleve, Cpe)] = Portees.Etablissement,
        [(Enseignant, Eleve)] = Portees.Liens,
        [(Enseignant, Responsable)] = Portees.Liens,
        [(Enseignant, Enseignant)] = Portees.Etablissement,
        [(Enseignant, Cpe)] = Portees.Etablissement,
        [(Enseignant, Direction)] = Portees.Etablissement,
        [(Enseignant, Personnel)] = Portees.Etablissement,
        [(Cpe, Eleve)] = Portees.Etablissement,
        [(Cpe, Responsable)] = Portees.Etablissement,
        [(Cpe, Enseignant)] = Portees.Etablissement,
        [(Cpe, Cpe)] = Portees.Etablissement,
        [(Cpe, Direction)] = Portees.Etablissement,
        [(Cpe, Personnel)] = Portees.Etablissement,
        [(Direction, Eleve)] = Portees.Etablissement,
        [(Direction, Responsable)] = Portees.Etablissement,
        [(Direction, Enseignant)] = Portees.Etablissement,
        [(Direction, Cpe)] = Portees.Etablissement,
        [(Direction, Direction)] = Portees.Etablissement,
        [(Direction, Personnel)] = Portees.Etablissement,
        [(Personnel, Enseignant)] = Portees.Etablissement,
        [(Personnel, Cpe)] = Portees.Etablissement,
        [(Personnel, Direction)] = Portees.Etablissement,
        [(Personnel, Personnel)] = Portees.Etablissement,
    }.ToFrozenDictionary();

    private const string ReglesSql = """
        SELECT expediteur, destinataire, portee FROM communication.regle_messagerie WHERE etablissement_id = @etablissementId
        """;

    /// <summary>The établissement's rules: every pair of profiles with its scope (the defaults until it saved its own).</summary>
    public static async Task<Dictionary<(string Expediteur, string Destinataire), string>> ReglesAsync(
        NpgsqlConnection conn, Guid etablissementId, CancellationToken ct)
    {
        var lignes = (await conn.QueryAsync<(string Expediteur, string Destinataire, string Portee)>(
            new CommandDefinition(ReglesSql, new { etablissementId }, cancellationToken: ct))).AsList();
        var regles = new Dictionary<(string, string), string>();
        foreach (var e in Tous)
        {
            foreach (var d in Tous)
            {
                regles[(e, d)] = lignes.Count == 0 ? ParDefaut.GetValueOrDefault((e, d), Portees.Aucune) : Portees.Aucune;
            }
        }

        foreach (var l in lignes)
        {
            regles[(l.Expediteur, l.Destinataire)] = l.Portee;
        }

        return regles;
    }

    private const string EtatSql = """
        SELECT profil, motif, etablissement_id IS NULL AS region FROM communication.suspension_messagerie
        WHERE (etablissement_id = @etablissementId OR etablissement_id IS NULL) AND leve_le IS NULL
        ORDER BY suspendu_le;
        SELECT motif FROM communication.blocage_messagerie
        WHERE etablissement_id = @etablissementId AND personne_id = @personneId AND leve_le IS NULL;
        """;

    /// <summary>
    /// What a person may do in each établissement where they hold a profile: their profiles, the suspensions that
    /// touch them (with the reason shown to them), a block; and, when asked, whom they may write to.
    /// </summary>
    public async Task<IReadOnlyList<EtatExpediteur>> EtatsAsync(Guid personneId, bool avecDestinataires, CancellationToken ct)
    {
        var profils = (await rattachements.ProfilsAsync(personneId, ct))
            .Select(p => (p.EtablissementId, Profil: De(p.Profil, p.Fonction)))
            .Where(p => p.Profil is not null)
            .GroupBy(p => p.EtablissementId)
            .ToList();
        var etats = new List<EtatExpediteur>();
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var groupe in profils)
        {
            var siens = groupe.Select(p => p.Profil!).Distinct().ToArray();
            Suspension[] suspensions;
            string? blocage;
            // Closed before the next command on this connection.
            await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(EtatSql,
                             new { etablissementId = groupe.Key, personneId }, cancellationToken: ct)))
            {
                suspensions = (await lecture.ReadAsync<Suspension>()).Where(s => siens.Contains(s.Profil)).ToArray();
                blocage = await lecture.ReadSingleOrDefaultAsync<string>();
            }

            var actifs = blocage is null ? siens.Where(p => suspensions.All(s => s.Profil != p)).ToArray() : [];
            var etablissement = await annuaire.TrouverEtablissementAsync(groupe.Key, ct);
            var possibles = avecDestinataires && actifs.Length > 0
                ? await PossiblesAsync(conn, personneId, groupe.Key, actifs, ct)
                : Possibles.Aucun;
            etats.Add(new EtatExpediteur(groupe.Key, etablissement?.Nom ?? string.Empty, siens, actifs, suspensions, blocage, possibles));
        }

        return etats;
    }

    /// <summary>The people and groups the sender may write to in the établissement, through their usable profiles.</summary>
    private async Task<Possibles> PossiblesAsync(NpgsqlConnection conn, Guid personneId, Guid etablissementId, string[] actifs, CancellationToken ct)
    {
        var regles = await ReglesAsync(conn, etablissementId, ct);
        var ouvertes = actifs.SelectMany(e => Tous.Select(d => (Expediteur: e, Destinataire: d, Portee: regles[(e, d)])))
            .Where(r => r.Portee != Portees.Aucune).ToList();
        if (ouvertes.Count == 0)
        {
            return Possibles.Aucun;
        }

        // The établissement's directory, for the profiles the rules open only (a family's picker never loads 1,200 pupils
        // unless a rule lets families write to pupils).
        var profilsIdentite = ouvertes.Select(r => ProfilsMessagerie.Identite(r.Destinataire)).Distinct().ToArray();
        var annuaireEtablissement = await rattachements.PersonnesAsync(etablissementId, profilsIdentite, ct);
        var parProfil = annuaireEtablissement
            .Select(p => (Personne: p, Profil: De(p.Profil, p.Fonction)!))
            .Where(p => p.Personne.Id != personneId)
            .GroupBy(p => p.Profil)
            .ToDictionary(g => g.Key, g => g.ToDictionary(p => p.Personne.Id, p => p.Personne));

        var personnes = new Dictionary<Guid, Destinataire>();
        var groupes = new List<Groupe>();
        var liens = new Liens(personneId, annuaire, relations);

        void Ajouter(Guid id, string profil, string qualite)
        {
            if (!parProfil.TryGetValue(profil, out var dans) || !dans.TryGetValue(id, out var p))
            {
                return;
            }

            personnes[id] = personnes.TryGetValue(id, out var deja) && !deja.Qualite.Contains(qualite, StringComparison.Ordinal)
                ? deja with { Qualite = $"{deja.Qualite} ; {qualite}" }
                : deja ?? new Destinataire(id, p.Nom, p.Prenom, profil, qualite);
        }

        foreach (var (expediteur, destinataire, portee) in ouvertes)
        {
            var toutLEtablissement = portee == Portees.Etablissement
                                     || expediteur is Cpe or Direction or Personnel
                                     || destinataire is Cpe or Direction or Personnel;
            if (toutLEtablissement)
            {
                foreach (var p in parProfil.GetValueOrDefault(destinataire)?.Values ?? Enumerable.Empty<PersonneRattachee>())
                {
                    Ajouter(p.Id, destinataire, Qualite(destinataire, p.Fonction));
                }

                continue;
            }

            foreach (var (id, qualite) in await liens.DestinatairesAsync(expediteur, destinataire, ct))
            {
                Ajouter(id, destinataire, qualite);
            }

            // A teacher writes to a class or group at once: its pupils, or its families.
            if (expediteur == Enseignant && destinataire is Eleve or Responsable)
            {
                foreach (var division in (await liens.ElevesEnseignesAsync(ct)).GroupBy(e => (e.DivisionId, e.Division)))
                {
                    var eleves = division.Select(e => e.EleveId).ToHashSet();
                    var membres = destinataire == Eleve
                        ? eleves
                        : (await liens.ResponsablesAsync(eleves, ct)).Select(r => r.ResponsableId).ToHashSet();
                    groupes.Add(new Groupe($"{destinataire}:{division.Key.DivisionId}",
                        destinataire == Eleve ? $"Élèves de {division.Key.Division}" : $"Familles de {division.Key.Division}", [.. membres]));
                }
            }
        }

        // A group holds only people the sender may write to one by one.
        var valides = groupes
            .Select(g => g with { Membres = [.. g.Membres.Where(personnes.ContainsKey)] })
            .Where(g => g.Membres.Length > 0)
            .GroupBy(g => g.Id).Select(g => g.First())
            .OrderBy(g => g.Libelle, StringComparer.Ordinal)
            .ToList();
        return new Possibles(personnes, valides);
    }

    /// <summary>The links through pupils, each read once per request.</summary>
    private sealed class Liens(Guid personneId, IAnnuaire annuaire, IRelationsPedagogiques relations)
    {
        private IReadOnlyList<PersonneInfo>? _enfants;
        private IReadOnlyList<EleveDivision>? _enseignes;
        private readonly Dictionary<string, IReadOnlyList<ResponsableLegal>> _responsables = new(StringComparer.Ordinal);

        private async Task<IReadOnlyList<PersonneInfo>> EnfantsAsync(CancellationToken ct) =>
            _enfants ??= await annuaire.ListerEnfantsAsync(personneId, ct);

        public async Task<IReadOnlyList<EleveDivision>> ElevesEnseignesAsync(CancellationToken ct) =>
            _enseignes ??= await relations.ElevesDeLEnseignantAsync(personneId, ct);

        public async Task<IReadOnlyList<ResponsableLegal>> ResponsablesAsync(IReadOnlyCollection<Guid> eleves, CancellationToken ct)
        {
            var cle = string.Join(',', eleves.Order());
            if (!_responsables.TryGetValue(cle, out var r))
            {
                _responsables[cle] = r = await annuaire.ListerResponsablesLegauxAsync(eleves, ct);
            }

            return r;
        }

        /// <summary>The pupils through whom the sender's profile links them (themself, their children, the pupils they teach), with a first name.</summary>
        private async Task<Dictionary<Guid, string>> ElevesAsync(string expediteur, CancellationToken ct) => expediteur switch
        {
            Eleve => new Dictionary<Guid, string> { [personneId] = string.Empty },
            Responsable => (await EnfantsAsync(ct)).ToDictionary(e => e.Id, e => e.Prenom),
            Enseignant => (await ElevesEnseignesAsync(ct)).GroupBy(e => e.EleveId).ToDictionary(g => g.Key, g => g.First().Division),
            _ => new Dictionary<Guid, string>(),
        };

        public async Task<IEnumerable<(Guid Id, string Qualite)>> DestinatairesAsync(string expediteur, string destinataire, CancellationToken ct)
        {
            var eleves = await ElevesAsync(expediteur, ct);
            if (eleves.Count == 0)
            {
                return [];
            }

            switch (destinataire)
            {
                case Enseignant:
                {
                    var equipes = await relations.EnseignantsDesElevesAsync(eleves.Keys, ct);
                    return equipes.Where(e => e.EnseignantId != personneId).Select(e => (e.EnseignantId, QualiteEnseignant(e, expediteur, eleves)));
                }

                case Eleve when expediteur == Eleve:
                case Responsable when expediteur == Responsable:
                {
                    // Classmates (or their families): only where a rule opens it; never by default.
                    var camarades = (await relations.CamaradesDeClasseAsync(eleves.Keys, ct)).Where(c => !eleves.ContainsKey(c.EleveId)).ToList();
                    if (destinataire == Eleve)
                    {
                        return camarades.Select(c => (c.EleveId, $"Élève · {c.Division}"));
                    }

                    var divisions = camarades.GroupBy(c => c.EleveId).ToDictionary(g => g.Key, g => g.First().Division);
                    return (await ResponsablesAsync(divisions.Keys, ct)).Where(r => r.ResponsableId != personneId)
                        .Select(r => (r.ResponsableId, $"Famille · {divisions[r.EleveId]}"));
                }

                case Eleve:
                    return eleves.Keys.Where(id => id != personneId)
                        .Select(id => (id, expediteur == Enseignant ? $"Élève · {eleves[id]}" : "Enfant"));

                case Responsable:
                {
                    var noms = expediteur == Enseignant
                        ? (await annuaire.TrouverPersonnesAsync(eleves.Keys, ct)).ToDictionary(p => p.Id, p => p.Prenom + " " + p.Nom)
                        : new Dictionary<Guid, string>();
                    return (await ResponsablesAsync(eleves.Keys, ct)).Where(r => r.ResponsableId != personneId)
                        .Select(r => (r.ResponsableId, noms.TryGetValue(r.EleveId, out var nom) ? $"Responsable de {nom}" : "Responsable"));
                }

                default:
                    return [];
            }
        }

        private static string QualiteEnseignant(EnseignantEleve e, string expediteur, Dictionary<Guid, string> eleves)
        {
            var role = string.Join(", ", e.Principal ? ["Professeur principal", .. e.Matieres] : e.Matieres);
            if (role.Length == 0)
            {
                role = "Enseignant";
            }

            return expediteur == Responsable && eleves.TryGetValue(e.EleveId, out var prenom) ? $"{role} ({prenom})" : role;
        }
    }
}

/// <summary>A suspension touching a person: which profile, why, and whether the region decided it.</summary>
internal sealed record Suspension(string Profil, string Motif, bool Region);

/// <summary>Someone the sender may write to, and how they are shown (« Mathématiques (Léa) », « CPE (vie scolaire) »).</summary>
internal sealed record Destinataire(Guid Id, string Nom, string Prenom, string Profil, string Qualite);

/// <summary>A class's or group's pupils or families, written to at once.</summary>
internal sealed record Groupe(string Id, string Libelle, Guid[] Membres);

/// <summary>Whom a sender may write to in an établissement.</summary>
internal sealed record Possibles(IReadOnlyDictionary<Guid, Destinataire> Personnes, IReadOnlyList<Groupe> Groupes)
{
    public static readonly Possibles Aucun = new(new Dictionary<Guid, Destinataire>(), []);
}

/// <summary>A person's standing in one établissement's messaging.</summary>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="Etablissement">Its name.</param>
/// <param name="Profils">Their messaging profiles there.</param>
/// <param name="Actifs">Those that may send now (neither suspended nor blocked).</param>
/// <param name="Suspensions">The suspensions touching their profiles, with the reasons shown to them.</param>
/// <param name="Blocage">Why the head blocked their sending, when they did.</param>
/// <param name="Possibles">Whom they may write to (empty unless asked).</param>
internal sealed record EtatExpediteur(
    Guid EtablissementId, string Etablissement, string[] Profils, string[] Actifs, Suspension[] Suspensions, string? Blocage, Possibles Possibles)
{
    public int EnvoisParHeure => Profils.Length == 0 ? 0 : Profils.Max(ProfilsMessagerie.EnvoisParHeure);

    public int DestinatairesMax => Actifs.Length == 0 ? 0 : Actifs.Max(ProfilsMessagerie.DestinatairesMax);

    /// <summary>Why the person cannot write here, in French; null when they can.</summary>
    public string? Raison => Blocage is { } b
        ? $"La direction a suspendu votre messagerie : {b}"
        : Actifs.Length == 0 && Suspensions.Length > 0
            ? string.Join(" ", Suspensions.Select(s => s.Region
                ? $"La messagerie {ProfilsMessagerie.Des(s.Profil)} est suspendue dans toute la région : {s.Motif}"
                : $"La messagerie {ProfilsMessagerie.Des(s.Profil)} est suspendue par la direction : {s.Motif}"))
            : null;
}
