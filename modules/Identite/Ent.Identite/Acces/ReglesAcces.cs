using System.Collections.Frozen;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;
using static Ent.Identite.Contracts.Domaine;

namespace Ent.Identite.Acces;

/// <summary>How a person stands to a pupil. A person may stand in several ways at once (a teacher who is also a parent).</summary>
internal enum Relation
{
    Eleve,
    EleveMoinsDe15Ans,
    ResponsableLegal,
    ResponsableNonLegal,
    Enseignant,
    Cpe,
    Direction,
    Infirmier,
    AutrePersonnel,
    AdministrateurRegion,
}

/// <summary>
/// The access rules of every module, in one table: who may read and change which part of a pupil's data. A person's
/// rights are the union of their relations' rights; no relation, no right. Relations come from Identité's directory
/// (family links, profiles and functions in the pupil's établissement) and, for teaching, from Scolarité's teams.
/// </summary>
internal sealed class ReglesAcces(NpgsqlDataSource db, IEquipesPedagogiques equipes, TimeProvider clock) : IReglesAcces
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private sealed record Regle(Domaine[] Lire, Domaine[] Ecrire);

    private static readonly Regle Rien = new([], []);

    private static readonly FrozenDictionary<Relation, Regle> Table = new Dictionary<Relation, Regle>
    {
        // The pupil sees everything about themself (RGPD right of access). They write only their messages: the rest is
        // recorded by adults about them.
        [Relation.Eleve] = new(Lire: [TravailScolaire, VieScolaire, Sante, Messages, Domaine.Identite], Ecrire: [Messages]),

        // Under 15, a pupil's health record is read by their legal guardians and the nurse, not by the pupil (issue 18's
        // rule: the pupil reads their own from 15 years old). An unknown birth date counts as 15 (the directory gives it).
        [Relation.EleveMoinsDe15Ans] = new(Lire: [TravailScolaire, VieScolaire, Messages, Domaine.Identite], Ecrire: [Messages]),

        // Legal guardians hold parental authority: they see all of their child's data, justify absences (VieScolaire)
        // and write to the school. Contact details are changed by the school office, not here.
        [Relation.ResponsableLegal] = new(Lire: [TravailScolaire, VieScolaire, Sante, Messages, Domaine.Identite], Ecrire: [VieScolaire, Messages]),

        // A contact without parental authority (lien_responsable.legal = false: grandparent, host family) may receive the
        // school's mail and notifications about the child, but reading the child's record needs parental authority.
        [Relation.ResponsableNonLegal] = Rien,

        // Teachers of the pupil's class or group this school year: the work they set and grade, the attendance they take
        // at roll call. Never health (medical secrecy), nor contact details or messages (the school life office's).
        [Relation.Enseignant] = new(Lire: [TravailScolaire, VieScolaire], Ecrire: [TravailScolaire, VieScolaire]),

        // The CPE follows every pupil of their établissement: school work and attendance, contact details to reach the
        // family; they record attendance and its follow-up. Health stays with the nurse; messages are private.
        [Relation.Cpe] = new(Lire: [TravailScolaire, VieScolaire, Domaine.Identite], Ecrire: [VieScolaire]),

        // The head sees what the CPE sees; writes attendance because sanctions are the head's decision.
        [Relation.Direction] = new(Lire: [TravailScolaire, VieScolaire, Domaine.Identite], Ecrire: [VieScolaire]),

        // The nurse: health only, both ways (medical secrecy: nobody else reads it, and the nurse needs nothing else).
        [Relation.Infirmier] = new(Lire: [Sante], Ecrire: [Sante]),

        // Other staff (documentaliste, secrétariat, administrateur local): nothing until an issue needs and justifies it.
        [Relation.AutrePersonnel] = Rien,

        // The region's administrators run the instance; they see no pupil's personal data by default.
        [Relation.AdministrateurRegion] = Rien,
    }.ToFrozenDictionary();

    public Task<bool> PeutLireAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct) =>
        PeutAsync(personneId, eleveId, domaine, r => r.Lire, ct);

    public Task<bool> PeutEcrireAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct) =>
        PeutAsync(personneId, eleveId, domaine, r => r.Ecrire, ct);

    // Teaching gives rights for the school year taught, and Scolarité answers EnseigneA for the current year only: last
    // year's teacher no longer sees the pupil, and this year's never saw last year's grades. So another year's data is
    // read through the other relations alone.
    public async Task<bool> PeutLireAutreAnneeAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct) =>
        (await RelationsAsync(personneId, eleveId, ct)).Any(r => r != Relation.Enseignant && Table[r].Lire.Contains(domaine));

    public async Task<IReadOnlySet<Domaine>> DomainesLisiblesAsync(Guid personneId, Guid eleveId, CancellationToken ct)
    {
        var relations = await RelationsAsync(personneId, eleveId, ct);
        var domaines = relations.Where(r => r != Relation.Enseignant).SelectMany(r => Table[r].Lire).ToHashSet();
        // Scolarité is asked once, and only when teaching could add something.
        if (relations.Contains(Relation.Enseignant) && !Table[Relation.Enseignant].Lire.All(domaines.Contains)
            && await equipes.EnseigneAAsync(personneId, eleveId, ct))
        {
            domaines.UnionWith(Table[Relation.Enseignant].Lire);
        }

        return domaines;
    }

    private async Task<bool> PeutAsync(Guid personneId, Guid eleveId, Domaine domaine, Func<Regle, Domaine[]> droits, CancellationToken ct)
    {
        var relations = await RelationsAsync(personneId, eleveId, ct);
        if (relations.Any(r => r != Relation.Enseignant && droits(Table[r]).Contains(domaine)))
        {
            return true;
        }

        // A teacher of the pupil's établissement is a teacher *of the pupil* only if Scolarité says they teach them this
        // year; asked last and only when it could change the answer, since it is a second query.
        return relations.Contains(Relation.Enseignant)
               && droits(Table[Relation.Enseignant]).Contains(domaine)
               && await equipes.EnseigneAAsync(personneId, eleveId, ct);
    }

    public async Task<bool> EstResponsableLegalAsync(Guid personneId, Guid eleveId, CancellationToken ct) =>
        (await RelationsAsync(personneId, eleveId, ct)).Contains(Relation.ResponsableLegal);

    /// <summary>The pupil's access log is theirs and their legal guardians' (RGPD right of access).</summary>
    public async Task<bool> PeutConsulterJournalEleveAsync(Guid personneId, Guid eleveId, CancellationToken ct)
    {
        var relations = await RelationsAsync(personneId, eleveId, ct);
        return relations.Contains(Relation.Eleve) || relations.Contains(Relation.EleveMoinsDe15Ans) || relations.Contains(Relation.ResponsableLegal);
    }

    /// <summary>
    /// What of an établissement's access log the person reads. Its administrators (head, local administrators), who
    /// answer for its data, read every access but those to health data; its nurse reads those only. A health access
    /// tells that a pupil went to the infirmary: that is no one's to know but the health staff's and the family's (who
    /// read it in their child's own log).
    /// </summary>
    public async Task<JournalEtablissementVisible> JournalEtablissementVisibleAsync(Guid personneId, Guid etablissementId, CancellationToken ct)
    {
        const string sql = """
            SELECT fonction FROM identite.rattachement
            WHERE personne_id = @personneId AND etablissement_id = @etablissementId AND profil = 'personnel' AND fonction IS NOT NULL
              AND retire_le IS NULL
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var fonctions = (await conn.QueryAsync<string>(new CommandDefinition(sql, new { personneId, etablissementId }, cancellationToken: ct))).ToHashSet();
        return new JournalEtablissementVisible(
            HorsSante: fonctions.Contains(Fonctions.Direction) || fonctions.Contains(Fonctions.AdministrateurLocal),
            Sante: fonctions.Contains(Fonctions.Infirmier));
    }

    public Task<bool> PeutAdministrerAsync(Guid personneId, Guid etablissementId, CancellationToken ct) =>
        ExerceFonctionAsync(personneId, etablissementId, [Fonctions.Direction, Fonctions.AdministrateurLocal], ct);

    public Task<bool> PeutSuivreVieScolaireAsync(Guid personneId, Guid etablissementId, CancellationToken ct) =>
        ExerceFonctionAsync(personneId, etablissementId, [Fonctions.Cpe, Fonctions.Direction], ct);

    public Task<bool> EstInfirmierAsync(Guid personneId, Guid etablissementId, CancellationToken ct) =>
        ExerceFonctionAsync(personneId, etablissementId, [Fonctions.Infirmier], ct);

    /// <summary>True when the person holds one of the functions among the établissement's personnel.</summary>
    private async Task<bool> ExerceFonctionAsync(Guid personneId, Guid etablissementId, string[] fonctions, CancellationToken ct)
    {
        const string sql = """
            SELECT EXISTS (
                SELECT 1 FROM identite.rattachement
                WHERE personne_id = @personneId AND etablissement_id = @etablissementId AND profil = 'personnel'
                  AND fonction = ANY(@fonctions) AND retire_le IS NULL)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { personneId, etablissementId, fonctions }, cancellationToken: ct));
    }

    // Everything Identité knows of how the person stands to the pupil, in one round trip. Profiles and functions count
    // only in an établissement where the pupil is enrolled. "enseignant" here means a teacher of that établissement.
    private const string RelationsSql = """
        WITH etablissements_eleve AS (
            SELECT etablissement_id FROM identite.rattachement WHERE personne_id = @eleveId AND profil = 'eleve'
        )
        SELECT CASE WHEN p.date_naissance > @ne15AnsAvant THEN 'eleve_moins_15' ELSE 'eleve' END
        FROM identite.personne p WHERE @personneId = @eleveId AND p.id = @eleveId AND EXISTS (SELECT 1 FROM etablissements_eleve)
        UNION ALL
        SELECT CASE WHEN l.legal THEN 'responsable_legal' ELSE 'responsable_non_legal' END
        FROM identite.lien_responsable l
        WHERE l.responsable_id = @personneId AND l.eleve_id = @eleveId
        UNION ALL
        SELECT coalesce(r.fonction, r.profil)
        FROM identite.rattachement r
        JOIN etablissements_eleve e ON e.etablissement_id = r.etablissement_id
        -- A profile the directory withdrew (a teacher or CPE who left) gives no right any more: the row stays for history.
        WHERE r.personne_id = @personneId AND r.profil IN ('enseignant', 'personnel') AND r.retire_le IS NULL
        UNION ALL
        SELECT 'administrateur_region' FROM identite.administrateur_region WHERE personne_id = @personneId
        """;

    private async Task<HashSet<Relation>> RelationsAsync(Guid personneId, Guid eleveId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // Born after this day, the pupil is not 15 yet (the day of their 15th birthday, they are).
        var ne15AnsAvant = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime).AddYears(-15);
        var rows = await conn.QueryAsync<string>(new CommandDefinition(RelationsSql, new { personneId, eleveId, ne15AnsAvant }, cancellationToken: ct));
        return rows.Select(r => r switch
        {
            "eleve" => Relation.Eleve,
            "eleve_moins_15" => Relation.EleveMoinsDe15Ans,
            "responsable_legal" => Relation.ResponsableLegal,
            "responsable_non_legal" => Relation.ResponsableNonLegal,
            Profils.Enseignant => Relation.Enseignant,
            Fonctions.Cpe => Relation.Cpe,
            Fonctions.Direction => Relation.Direction,
            Fonctions.Infirmier => Relation.Infirmier,
            "administrateur_region" => Relation.AdministrateurRegion,
            _ => Relation.AutrePersonnel,
        }).ToHashSet();
    }
}

/// <summary>The parts of an établissement's access log a person reads: accesses to health data, and all the others.</summary>
internal sealed record JournalEtablissementVisible(bool HorsSante, bool Sante)
{
    public bool Rien => !HorsSante && !Sante;
}
