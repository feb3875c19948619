using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.ImportAaf;

/// <summary>
/// Scolarité's side of the directory import: the établissement's classes, groups and subjects, then for the school year
/// the pupils' enrolments, the teachers' services and the head teachers, as the export gives them. Everything in the
/// import's transaction. Never deletes what carries history: a service with assessments or appraisals stays; classes
/// and groups the export no longer names stay (last year's classes are another year's rows anyway).
/// Counts only what changed, so that the same export twice reports nothing.
/// </summary>
internal sealed class ImportStructure(TimeProvider clock) : IImportStructure
{
    public string AnneeScolaire(bool rentree)
    {
        var courante = Scolarite.AnneeScolaire.Courante(clock);
        return rentree ? Scolarite.AnneeScolaire.Of(Scolarite.AnneeScolaire.Bornes(courante).Fin.AddDays(1)) : courante;
    }

    private const string ClasseSql = """
        INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
        VALUES (@id, @etablissementId, @annee, @code, @libelle, @niveau)
        ON CONFLICT (etablissement_id, annee_scolaire, code) DO UPDATE SET libelle = excluded.libelle, niveau = excluded.niveau
        WHERE (classe.libelle, classe.niveau) IS DISTINCT FROM (excluded.libelle, excluded.niveau)
        RETURNING (xmax = 0)
        """;

    private const string GroupeSql = """
        INSERT INTO scolarite.groupe (id, etablissement_id, annee_scolaire, code, libelle)
        VALUES (@id, @etablissementId, @annee, @code, @libelle)
        ON CONFLICT (etablissement_id, annee_scolaire, code) DO UPDATE SET libelle = excluded.libelle
        WHERE groupe.libelle IS DISTINCT FROM excluded.libelle
        RETURNING (xmax = 0)
        """;

    // A subject the school already has keeps the label it gave it (« Mathématiques » rather than the directory's capitals).
    private const string MatiereSql = """
        INSERT INTO scolarite.matiere (etablissement_id, code, libelle, code_national)
        VALUES (@etablissementId, @code, @libelle, @codeNational)
        ON CONFLICT (etablissement_id, code) DO NOTHING
        RETURNING true
        """;

    private const string DivisionsSql = """
        SELECT id, code, true AS classe FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        UNION ALL
        SELECT id, code, false FROM scolarite.groupe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        """;

    private const string InscriptionsSql = """
        SELECT i.eleve_id, i.classe_id AS division_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        UNION ALL
        SELECT i.eleve_id, i.groupe_id FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id
        WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee
        """;

    private const string ServicesSql = """
        SELECT s.id, s.enseignant_id, s.matiere_code, coalesce(s.classe_id, s.groupe_id) AS division_id,
               EXISTS (SELECT 1 FROM scolarite.evaluation e WHERE e.service_id = s.id)
               OR EXISTS (SELECT 1 FROM scolarite.appreciation a WHERE a.service_id = s.id) AS historique
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etablissementId AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        """;

    private const string PrincipauxSql = """
        SELECT p.enseignant_id, p.classe_id FROM scolarite.professeur_principal p JOIN scolarite.classe c ON c.id = p.classe_id
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        """;

    private static readonly string[] Sortes = ["classes", "groupes", "matieres", "inscriptions", "services", "professeursPrincipaux"];

    private sealed record Division(Guid Id, string Code, bool Classe);

    private sealed record Service(Guid Id, Guid EnseignantId, string MatiereCode, Guid DivisionId, bool Historique);

    public async Task<BilanStructure> AppliquerAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StructureImportee s, CancellationToken ct)
    {
        var resume = Sortes.ToDictionary(k => k, _ => new CompteurImport());
        var anomalies = new List<AnomalieImport>();
        var cle = new { etablissementId = s.EtablissementId, annee = s.AnneeScolaire };

        foreach (var c in s.Classes)
        {
            if (c.Niveau is null)
            {
                anomalies.Add(new(c.Origine, $"Classe « {c.Code} » ({c.Libelle}) ignorée : son niveau n'est ni seconde, ni première, ni terminale " +
                                             "(ni son code ni la MEF de ses élèves ne le disent)."));
                continue;
            }

            if (c.Code.Length is 0 or > 20 || c.Libelle.Length is 0 or > 200)
            {
                anomalies.Add(new(c.Origine, $"Classe « {c.Code} » ignorée : code de 1 à 20 caractères et libellé de 1 à 200 attendus."));
                continue;
            }

            Compter(resume["classes"], await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(ClasseSql,
                new { id = Guid.NewGuid(), cle.etablissementId, cle.annee, code = c.Code, libelle = c.Libelle, niveau = c.Niveau }, tx, cancellationToken: ct)));
        }

        foreach (var g in s.Groupes)
        {
            if (g.Code.Length is 0 or > 20 || g.Libelle.Length is 0 or > 200)
            {
                anomalies.Add(new(g.Origine, $"Groupe « {g.Code} » ignoré : code de 1 à 20 caractères et libellé de 1 à 200 attendus."));
                continue;
            }

            Compter(resume["groupes"], await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(GroupeSql,
                new { id = Guid.NewGuid(), cle.etablissementId, cle.annee, code = g.Code, libelle = g.Libelle }, tx, cancellationToken: ct)));
        }

        foreach (var m in s.Matieres)
        {
            var code = m.Code.ToUpperInvariant();
            if (!System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z0-9_]{1,20}$") || m.Libelle.Length is 0 or > 200)
            {
                continue; // reported by Identité when a service names it
            }

            if (await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(MatiereSql, new
                {
                    cle.etablissementId, code, libelle = m.Libelle,
                    codeNational = System.Text.RegularExpressions.Regex.IsMatch(code, "^[0-9]{6}$") ? code : null,
                }, tx, cancellationToken: ct)) is true)
            {
                resume["matieres"].Crees++;
            }
        }

        var divisions = (await conn.QueryAsync<Division>(new CommandDefinition(DivisionsSql, cle, tx, cancellationToken: ct))).ToList();
        var classes = divisions.Where(d => d.Classe).ToDictionary(d => d.Code, d => d.Id, StringComparer.Ordinal);
        var groupes = divisions.Where(d => !d.Classe).ToDictionary(d => d.Code, d => d.Id, StringComparer.Ordinal);
        var estClasse = divisions.ToDictionary(d => d.Id, d => d.Classe);

        await InscrireAsync(conn, tx, s, cle, classes, groupes, estClasse, resume["inscriptions"], anomalies, ct);
        await ServirAsync(conn, tx, s, cle, classes, groupes, resume["services"], resume["professeursPrincipaux"], anomalies, ct);
        return new BilanStructure(resume, anomalies);
    }

    private static void Compter(CompteurImport compteur, bool? cree)
    {
        if (cree is true)
        {
            compteur.Crees++;
        }
        else if (cree is false)
        {
            compteur.Modifies++;
        }
    }

    private static async Task InscrireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StructureImportee s, object cle,
        Dictionary<string, Guid> classes, Dictionary<string, Guid> groupes, Dictionary<Guid, bool> estClasse,
        CompteurImport compteur, List<AnomalieImport> anomalies, CancellationToken ct)
    {
        var actuelles = (await conn.QueryAsync<(Guid EleveId, Guid DivisionId)>(new CommandDefinition(InscriptionsSql, cle, tx, cancellationToken: ct)))
            .ToLookup(i => i.EleveId, i => i.DivisionId);
        var ajouts = new List<(Guid Eleve, Guid Division)>();
        var retraits = new List<(Guid Eleve, Guid Division)>();
        foreach (var i in s.Inscriptions)
        {
            var voulues = new HashSet<Guid>();
            foreach (var code in i.Classes)
            {
                if (classes.TryGetValue(code, out var id))
                {
                    voulues.Add(id);
                }
                else
                {
                    anomalies.Add(new(i.Origine, $"Classe « {code} » inconnue de l'établissement pour {s.AnneeScolaire} : l'élève n'y est pas inscrit."));
                }
            }

            foreach (var code in i.Groupes)
            {
                if (groupes.TryGetValue(code, out var id))
                {
                    voulues.Add(id);
                }
                else
                {
                    anomalies.Add(new(i.Origine, $"Groupe « {code} » inconnu de l'établissement pour {s.AnneeScolaire} : l'élève n'y est pas inscrit."));
                }
            }

            var deja = actuelles[i.EleveId].ToHashSet();
            ajouts.AddRange(voulues.Except(deja).Select(d => (i.EleveId, d)));
            retraits.AddRange(deja.Except(voulues).Select(d => (i.EleveId, d)));
        }

        foreach (var eleve in s.ElevesRetires)
        {
            retraits.AddRange(actuelles[eleve].Select(d => (eleve, d)));
        }

        foreach (var (eleve, division) in ajouts)
        {
            await conn.ExecuteAsync(new CommandDefinition(estClasse[division]
                    ? "INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@division, @eleve) ON CONFLICT DO NOTHING"
                    : "INSERT INTO scolarite.inscription_groupe (groupe_id, eleve_id) VALUES (@division, @eleve) ON CONFLICT DO NOTHING",
                new { division, eleve }, tx, cancellationToken: ct));
        }

        foreach (var (eleve, division) in retraits.Distinct())
        {
            await conn.ExecuteAsync(new CommandDefinition(estClasse[division]
                    ? "DELETE FROM scolarite.inscription_classe WHERE classe_id = @division AND eleve_id = @eleve"
                    : "DELETE FROM scolarite.inscription_groupe WHERE groupe_id = @division AND eleve_id = @eleve",
                new { division, eleve }, tx, cancellationToken: ct));
        }

        compteur.Crees += ajouts.Count;
        compteur.Desactives += retraits.Distinct().Count();
    }

    private static async Task ServirAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StructureImportee s, object cle,
        Dictionary<string, Guid> classes, Dictionary<string, Guid> groupes, CompteurImport services, CompteurImport principaux,
        List<AnomalieImport> anomalies, CancellationToken ct)
    {
        var existants = (await conn.QueryAsync<Service>(new CommandDefinition(ServicesSql, cle, tx, cancellationToken: ct))).ToLookup(x => x.EnseignantId);
        var pp = (await conn.QueryAsync<(Guid EnseignantId, Guid ClasseId)>(new CommandDefinition(PrincipauxSql, cle, tx, cancellationToken: ct)))
            .ToLookup(p => p.EnseignantId, p => p.ClasseId);
        var matieres = (await conn.QueryAsync<(string Code, string Libelle)>(new CommandDefinition(
                "SELECT code, libelle FROM scolarite.matiere WHERE etablissement_id = @etablissementId", cle, tx, cancellationToken: ct)))
            .ToDictionary(m => m.Code, m => m.Libelle, StringComparer.Ordinal);

        async Task RetirerAsync(IEnumerable<Service> aRetirer)
        {
            // A service with assessments or appraisals carries the year's grades: it stays.
            foreach (var x in aRetirer.Where(x => !x.Historique))
            {
                await conn.ExecuteAsync(new CommandDefinition("DELETE FROM scolarite.service_enseignement WHERE id = @Id", x, tx, cancellationToken: ct));
                services.Desactives++;
            }
        }

        async Task PrincipalAsync(Guid enseignant, IEnumerable<Guid> voulues)
        {
            var v = voulues.ToHashSet();
            var deja = pp[enseignant].ToHashSet();
            foreach (var classe in v.Except(deja))
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id) VALUES (@classe, @enseignant) ON CONFLICT DO NOTHING",
                    new { classe, enseignant }, tx, cancellationToken: ct));
                principaux.Crees++;
            }

            foreach (var classe in deja.Except(v))
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM scolarite.professeur_principal WHERE classe_id = @classe AND enseignant_id = @enseignant",
                    new { classe, enseignant }, tx, cancellationToken: ct));
                principaux.Desactives++;
            }
        }

        foreach (var e in s.Enseignants)
        {
            var voulus = new HashSet<(string Matiere, Guid Division, bool Classe)>();
            foreach (var x in e.Services)
            {
                var code = x.MatiereCode.ToUpperInvariant();
                Guid division;
                if (x.ClasseCode is { } cc && !classes.TryGetValue(cc, out division))
                {
                    anomalies.Add(new(e.Origine, $"Service ignoré : classe « {cc} » inconnue de l'établissement pour {s.AnneeScolaire}."));
                    continue;
                }

                if (x.GroupeCode is { } gc && !groupes.TryGetValue(gc, out division))
                {
                    anomalies.Add(new(e.Origine, $"Service ignoré : groupe « {gc} » inconnu de l'établissement pour {s.AnneeScolaire}."));
                    continue;
                }

                division = x.ClasseCode is not null ? classes[x.ClasseCode] : groupes[x.GroupeCode!];
                if (!matieres.ContainsKey(code))
                {
                    anomalies.Add(new(e.Origine, $"Service ignoré : matière « {x.MatiereCode} » absente de l'export et de l'établissement."));
                    continue;
                }

                voulus.Add((code, division, x.ClasseCode is not null));
            }

            var deja = existants[e.EnseignantId].ToList();
            foreach (var (matiere, division, classe) in voulus.Where(v => !deja.Any(d => d.MatiereCode == v.Matiere && d.DivisionId == v.Division)))
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id, groupe_id)
                    VALUES (@id, @enseignant, @matiere, @libelle, @classeId, @groupeId)
                    """, new
                    {
                        id = Guid.NewGuid(), enseignant = e.EnseignantId, matiere, libelle = matieres[matiere],
                        classeId = classe ? division : (Guid?)null, groupeId = classe ? (Guid?)null : division,
                    }, tx, cancellationToken: ct));
                services.Crees++;
            }

            await RetirerAsync(deja.Where(d => !voulus.Any(v => v.Matiere == d.MatiereCode && v.Division == d.DivisionId)));

            var classesPp = new List<Guid>();
            foreach (var code in e.ClassesPrincipal)
            {
                if (classes.TryGetValue(code, out var id))
                {
                    classesPp.Add(id);
                }
                else
                {
                    anomalies.Add(new(e.Origine, $"Professeur principal ignoré : classe « {code} » inconnue de l'établissement pour {s.AnneeScolaire}."));
                }
            }

            await PrincipalAsync(e.EnseignantId, classesPp);
        }

        foreach (var enseignant in s.EnseignantsRetires)
        {
            await RetirerAsync(existants[enseignant]);
            await PrincipalAsync(enseignant, []);
        }
    }
}
