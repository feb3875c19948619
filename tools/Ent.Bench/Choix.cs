using Dapper;
using Npgsql;

namespace Ent.Bench;

/// <summary>
/// Who takes part: guardians (with their priority child), pupils (with their current period), teachers (with an
/// assessment marked /20 and a class service each, and the class's pupils). Ordered by a hash of the login so that
/// at 50 lycées they come from every lycée, and the same ones each run.
/// </summary>
internal sealed record Choix(List<Choix.Parent> Parents, List<Choix.Eleve> Eleves, List<Choix.Evaluation> Evaluations, List<Choix.Service> Services)
{
    public sealed record Parent(string Identifiant, Guid PersonneId, Guid EleveId);
    public sealed record Eleve(string Identifiant, Guid PersonneId, Guid PeriodeId);
    public sealed record Evaluation(string Identifiant, Guid EvaluationId, List<Guid> Eleves);
    public sealed record Service(string Identifiant, Guid ServiceId, List<Guid> Eleves);

    public int Profs => Evaluations.Select(e => e.Identifiant).Concat(Services.Select(s => s.Identifiant)).Distinct().Count();

    public IReadOnlyCollection<string> Identifiants() =>
        Parents.Select(p => p.Identifiant).Concat(Eleves.Select(e => e.Identifiant)).Concat(Evaluations.Select(e => e.Identifiant))
            .Concat(Services.Select(s => s.Identifiant)).Distinct().ToList();

    public static async Task<Choix> LireAsync(NpgsqlConnection conn, Options o)
    {
        var parents = (await conn.QueryAsync<(string, Guid, Guid)>("""
            SELECT DISTINCT ON (md5(c.identifiant)) c.identifiant, l.responsable_id, l.eleve_id
            FROM identite.lien_responsable l JOIN identite.compte c ON c.personne_id = l.responsable_id
            WHERE l.contact_prioritaire
            ORDER BY md5(c.identifiant), l.eleve_id
            LIMIT @n
            """, new { n = o.Parents })).Select(p => new Parent(p.Item1, p.Item2, p.Item3)).ToList();
        var eleves = (await conn.QueryAsync<(string, Guid, Guid)>("""
            SELECT c.identifiant, r.personne_id, p.id
            FROM identite.rattachement r
            JOIN identite.compte c ON c.personne_id = r.personne_id
            JOIN scolarite.inscription_classe i ON i.eleve_id = r.personne_id
            JOIN scolarite.classe k ON k.id = i.classe_id
            JOIN scolarite.periode p ON p.etablissement_id = k.etablissement_id AND p.annee_scolaire = k.annee_scolaire
                                    AND p.debut <= current_date AND current_date <= p.fin
            WHERE r.profil = 'eleve'
            ORDER BY md5(c.identifiant)
            LIMIT @n
            """, new { n = o.Eleves })).Select(e => new Eleve(e.Item1, e.Item2, e.Item3)).ToList();
        // One class service per teacher; its latest assessment marked /20.
        var services = (await conn.QueryAsync<(string Identifiant, Guid ServiceId, Guid? EvaluationId)>("""
            SELECT DISTINCT ON (md5(c.identifiant)) c.identifiant, s.id,
                   (SELECT e.id FROM scolarite.evaluation e WHERE e.service_id = s.id AND e.bareme = 20 ORDER BY e.date DESC LIMIT 1)
            FROM scolarite.service_enseignement s
            JOIN identite.compte c ON c.personne_id = s.enseignant_id
            WHERE s.classe_id IS NOT NULL
            ORDER BY md5(c.identifiant), s.id
            LIMIT @n
            """, new { n = o.Profs })).ToList();
        var classe = (await conn.QueryAsync<(Guid ServiceId, Guid EleveId)>("""
            SELECT s.id, i.eleve_id FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
            WHERE s.id = ANY(@ids)
            """, new { ids = services.Select(s => s.ServiceId).ToArray() })).ToLookup(x => x.ServiceId, x => x.EleveId);
        return new Choix(parents, eleves,
            services.Where(s => s.EvaluationId is not null).Select(s => new Evaluation(s.Identifiant, s.EvaluationId!.Value, classe[s.ServiceId].ToList())).ToList(),
            services.Select(s => new Service(s.Identifiant, s.ServiceId, classe[s.ServiceId].ToList())).ToList());
    }
}
