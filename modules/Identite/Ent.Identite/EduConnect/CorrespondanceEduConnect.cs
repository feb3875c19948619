using Dapper;
using Ent.Identite.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.EduConnect;

/// <summary>
/// An account the EduConnect person may be, and why: <c>Motifs</c> are codes with ids, never names, since they end up
/// in logs (<c>ine</c>, <c>eleve_id+uai</c>, <c>responsable_de:&lt;pupil's personne id&gt;</c>).
/// </summary>
internal sealed record CandidatEduConnect(Guid CompteId, Guid PersonneId, string NomAffiche, string Profil, IReadOnlyList<string> Motifs);

/// <summary>
/// Finds the accounts an EduConnect person may be, using only what the school's directory already holds: an account
/// is never created from EduConnect's word. A pupil is found by INE, or by national pupil id + UAI (their own vector);
/// a guardian by the pupils their vectors name (national pupil id + UAI), then among those pupils' guardians by name.
/// Several candidates are possible (the person then chooses); none means the school must be contacted. An account
/// still to activate is a candidate too: the login then offers its activation (<see cref="Activation.ActivationEduConnectEndpoints"/>).
/// </summary>
internal sealed partial class CorrespondanceEduConnect(NpgsqlDataSource db, ILogger<CorrespondanceEduConnect> log)
{
    private const string ElevesParIneSql = """
        SELECT c.id AS compte_id, p.id AS personne_id, p.nom, p.prenom, NULL::uuid AS eleve_id
        FROM identite.personne p
        JOIN identite.compte c ON c.personne_id = p.id AND c.etat IN ('actif', 'a_activer')
        WHERE p.ine = @ine
          AND EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND r.profil = 'eleve')
        """;

    // The pupil must be enrolled in the établissement the vector names: an eleveId alone is not trusted.
    private const string ElevesParIdentifiantSql = """
        SELECT c.id AS compte_id, p.id AS personne_id, p.nom, p.prenom, NULL::uuid AS eleve_id
        FROM unnest(@eleveIds, @uais) AS v(eleve_id, uai)
        JOIN identite.etablissement e ON e.uai = v.uai
        JOIN identite.personne p ON p.eleve_id_national = v.eleve_id
        JOIN identite.rattachement r ON r.personne_id = p.id AND r.etablissement_id = e.id AND r.profil = 'eleve'
        JOIN identite.compte c ON c.personne_id = p.id AND c.etat IN ('actif', 'a_activer')
        """;

    private const string ResponsablesDesElevesSql = """
        SELECT c.id AS compte_id, resp.id AS personne_id, resp.nom, resp.prenom, eleve.id AS eleve_id
        FROM unnest(@eleveIds, @uais) AS v(eleve_id, uai)
        JOIN identite.etablissement e ON e.uai = v.uai
        JOIN identite.personne eleve ON eleve.eleve_id_national = v.eleve_id
        JOIN identite.rattachement r ON r.personne_id = eleve.id AND r.etablissement_id = e.id AND r.profil = 'eleve'
        JOIN identite.lien_responsable l ON l.eleve_id = eleve.id
        JOIN identite.personne resp ON resp.id = l.responsable_id
        JOIN identite.compte c ON c.personne_id = resp.id AND c.etat IN ('actif', 'a_activer')
        """;

    private sealed record Ligne(Guid CompteId, Guid PersonneId, string Nom, string Prenom, Guid? EleveId);

    public async Task<IReadOnlyList<CandidatEduConnect>> TrouverAsync(PersonneEduConnect personne, CancellationToken ct)
    {
        if (personne.VecteursInvalides > 0)
        {
            LogVecteursInvalides(log, personne.Sujet, personne.VecteursInvalides);
        }

        var candidats = personne.EstEleve ? await ElevesAsync(personne, ct)
            : personne.EstResponsable ? await ResponsablesAsync(personne, ct)
            : [];
        LogResultat(log, personne.Sujet, personne.Affiliation, candidats.Count, string.Join(",", candidats.Select(c => c.CompteId)));
        return candidats;
    }

    private async Task<IReadOnlyList<CandidatEduConnect>> ElevesAsync(PersonneEduConnect personne, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var trouves = new List<(Ligne Ligne, string Motif)>();
        if (personne.Ine is not null)
        {
            var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(ElevesParIneSql, new { ine = personne.Ine }, cancellationToken: ct));
            trouves.AddRange(lignes.Select(l => (l, "ine")));
        }

        var siens = personne.Vecteurs.Where(v => v.DEleve).ToArray();
        if (siens.Length > 0)
        {
            var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(ElevesParIdentifiantSql,
                new { eleveIds = siens.Select(v => v.EleveId).ToArray(), uais = siens.Select(v => v.Uai).ToArray() }, cancellationToken: ct));
            trouves.AddRange(lignes.Select(l => (l, "eleve_id+uai")));
        }

        return Regrouper(trouves, Profils.Eleve);
    }

    private async Task<IReadOnlyList<CandidatEduConnect>> ResponsablesAsync(PersonneEduConnect personne, CancellationToken ct)
    {
        var enfants = personne.Vecteurs.Where(v => v.DeResponsable).ToArray();
        if (enfants.Length == 0 || string.IsNullOrWhiteSpace(personne.Nom) || string.IsNullOrWhiteSpace(personne.Prenom))
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(ResponsablesDesElevesSql,
            new { eleveIds = enfants.Select(v => v.EleveId).ToArray(), uais = enfants.Select(v => v.Uai).ToArray() }, cancellationToken: ct));

        // Names are compared here rather than in SQL: accents, hyphens and spacing need more than lower().
        // The set is small (the guardians of a few pupils), and only they are compared, never the whole directory.
        var trouves = lignes
            .Where(l => NomsComparables.MemePersonne(l.Nom, l.Prenom, personne.Nom, personne.Prenom))
            .Select(l => (l, $"responsable_de:{l.EleveId}"));
        return Regrouper(trouves, Profils.Responsable);
    }

    private static List<CandidatEduConnect> Regrouper(IEnumerable<(Ligne Ligne, string Motif)> trouves, string profil) =>
        [.. trouves
            .GroupBy(t => t.Ligne.CompteId)
            .Select(g => new CandidatEduConnect(g.Key, g.First().Ligne.PersonneId, $"{g.First().Ligne.Prenom} {g.First().Ligne.Nom}", profil,
                [.. g.Select(t => t.Motif).Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(c => c.CompteId)];

    [LoggerMessage(Level = LogLevel.Information,
        Message = "EduConnect {Sujet} ({Affiliation}) : {Nombre} compte(s) candidat(s) {Comptes}")]
    private static partial void LogResultat(ILogger logger, string sujet, string? affiliation, int nombre, string comptes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EduConnect {Sujet} : {Nombre} vecteur(s) illisible(s) ignoré(s)")]
    private static partial void LogVecteursInvalides(ILogger logger, string sujet, int nombre);
}
