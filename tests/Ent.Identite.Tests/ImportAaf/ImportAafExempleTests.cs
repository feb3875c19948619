using Ent.Testing;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>
/// The example export (tests/Ent.Testing/aaf-exemple): the full export gives exact counts, the same export again
/// changes nothing and keeps Ent's ids, the delta a week later changes what it says, a full export withdraws whoever it
/// no longer names, and a link an administrator fixed survives every import.
/// </summary>
public sealed class ImportAafExempleTests(EntApp app) : IClassFixture<EntApp>
{
    private Task<int> CompterAsync(string sql) => app.ScalarAsync<int>(sql, new { uai = ImportAafOutils.Uai });

    [Fact]
    public async Task The_full_export_then_again_then_the_delta_then_the_full_export_again()
    {
        var complet = AafExemple.Complet();

        // 1. The full export.
        var premier = await app.ImporterAsync(complet);

        Assert.Equal("termine", premier.Import.Etat);
        Assert.Empty(premier.Rejets);
        Assert.Equal(("complet", new DateOnly(2026, 9, 1)), (premier.Import.Nature, premier.Import.DateExport!.Value));
        Assert.Equal((1, 0, 0), premier.Compte("etablissements"));
        Assert.Equal((18, 0, 0), premier.Compte("eleves"));
        Assert.Equal((31, 0, 0), premier.Compte("responsables"));
        Assert.Equal((6, 0, 0), premier.Compte("personnels"));
        Assert.Equal((55, 0, 0), premier.Compte("comptes"));
        Assert.Equal((32, 0, 0), premier.Compte("liens"));
        Assert.Equal((3, 0, 0), premier.Compte("classes"));
        Assert.Equal((2, 0, 0), premier.Compte("groupes"));
        Assert.Equal((6, 0, 0), premier.Compte("matieres"));
        Assert.Equal((24, 0, 0), premier.Compte("inscriptions"));
        Assert.Equal((6, 0, 0), premier.Compte("services"));
        Assert.Equal((1, 0, 0), premier.Compte("professeursPrincipaux"));
        Assert.Equal(premier.Import.EntreesTotal, premier.Import.EntreesTraitees);

        // What the database holds, counted there rather than trusted from the summary.
        const string Etab = "(SELECT id FROM identite.etablissement WHERE uai = @uai)";
        Assert.Equal("62001|LYCEE GENERAL JEANNE BARRET|93200|SAINT-DENIS", await app.ScalarAsync<string>(
            "SELECT concat_ws('|', jointure_aaf, nom, code_postal, commune) FROM identite.etablissement WHERE uai = @uai", new { uai = ImportAafOutils.Uai }));
        Assert.Equal(18, await CompterAsync($"SELECT count(*)::int FROM identite.rattachement WHERE etablissement_id = {Etab} AND profil = 'eleve'"));
        Assert.Equal(31, await CompterAsync($"SELECT count(*)::int FROM identite.rattachement WHERE etablissement_id = {Etab} AND profil = 'responsable'"));
        Assert.Equal(6, await CompterAsync($"SELECT count(DISTINCT personne_id)::int FROM identite.rattachement WHERE etablissement_id = {Etab} AND profil IN ('enseignant', 'personnel')"));
        Assert.Equal(["cpe", "direction", "infirmier"], await app.QueryAsync<string>(
            $"SELECT fonction FROM identite.rattachement WHERE etablissement_id = {Etab} AND profil = 'personnel' ORDER BY 1", new { uai = ImportAafOutils.Uai }));
        Assert.Equal(3, await CompterAsync($"SELECT count(*)::int FROM identite.rattachement WHERE etablissement_id = {Etab} AND profil = 'enseignant'"));
        Assert.Equal(55, await CompterAsync("SELECT count(*)::int FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id WHERE p.jointure_aaf IS NOT NULL AND c.etat = 'a_activer' AND c.mot_de_passe_hash IS NULL"));
        Assert.Equal((31, 1), (await CompterAsync("SELECT count(*)::int FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.eleve_id WHERE p.jointure_aaf IS NOT NULL AND l.legal"),
            await CompterAsync("SELECT count(*)::int FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.eleve_id WHERE p.jointure_aaf IS NOT NULL AND NOT l.legal")));
        var annee = premier.Import.AnneeScolaire;
        Assert.Equal(["1G1|premiere", "2NDE1|seconde", "2NDE2|seconde"], await app.QueryAsync<string>(
            $"SELECT code || '|' || niveau FROM scolarite.classe WHERE etablissement_id = {Etab} AND annee_scolaire = @annee ORDER BY code", new { uai = ImportAafOutils.Uai, annee }));
        Assert.Equal(2, await app.ScalarAsync<int>($"SELECT count(*)::int FROM scolarite.groupe WHERE etablissement_id = {Etab} AND annee_scolaire = @annee", new { uai = ImportAafOutils.Uai, annee }));
        Assert.Equal(6, await CompterAsync($"SELECT count(*)::int FROM scolarite.matiere WHERE etablissement_id = {Etab}"));
        Assert.Equal("Fabre|2NDE1", await app.ScalarAsync<string>($"""
            SELECT p.nom || '|' || c.code FROM scolarite.professeur_principal pp JOIN scolarite.classe c ON c.id = pp.classe_id
            JOIN identite.personne p ON p.id = pp.enseignant_id WHERE c.etablissement_id = {Etab}
            """, new { uai = ImportAafOutils.Uai }));
        Assert.Equal(["Fabre|020700|2NDE1", "Fabre|020700|2NDE2", "Morel|030602|2ESP2", "Roux|061300|1G1", "Roux|061300|1SPE-MATHS", "Roux|061300|2NDE1"],
            await app.QueryAsync<string>("""
                SELECT p.nom || '|' || s.matiere_code || '|' || coalesce(c.code, g.code) FROM scolarite.service_enseignement s
                JOIN identite.personne p ON p.id = s.enseignant_id LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
                WHERE p.jointure_aaf IS NOT NULL ORDER BY 1
                """));

        // A pupil's fields; a guardian read from the ISO-8859-15 file, accents intact; mobiles in E.164.
        Assert.Equal("Martin|Léa|2010-05-13|120200000AK|Mme|lea.martin|2NDE1", await app.ScalarAsync<string>("""
            SELECT concat_ws('|', p.nom, p.prenom, p.date_naissance, p.ine, p.civilite, c.identifiant, cl.code)
            FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id
            JOIN scolarite.inscription_classe i ON i.eleve_id = p.id JOIN scolarite.classe cl ON cl.id = i.classe_id
            WHERE p.jointure_aaf = '2200000'
            """));
        Assert.Equal("Maël|mael.martin|", await app.ScalarAsync<string>("""
            SELECT p.prenom || '|' || c.identifiant || '|' || coalesce(p.mobile, '') FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id
            WHERE p.jointure_aaf = '3100001'
            """));
        Assert.Equal("+33612010000|famille.1.0@example.org", await app.ScalarAsync<string>(
            "SELECT mobile || '|' || email FROM identite.personne WHERE jointure_aaf = '3100002'"));
        Assert.Equal("mere|True|True", await app.ScalarAsync<string>("""
            SELECT l.lien || '|' || initcap(l.legal::text) || '|' || initcap(l.contact_prioritaire::text) FROM identite.lien_responsable l
            JOIN identite.personne r ON r.id = l.responsable_id JOIN identite.personne e ON e.id = l.eleve_id
            WHERE r.jointure_aaf = '3100002' AND e.jointure_aaf = '2200001'
            """));

        // What the school does in Ent between two imports: a family activates an account, a teacher grades, an
        // administrator fixes a link the directory got wrong.
        var ids = await app.QueryAsync<string>("SELECT p.jointure_aaf || '|' || p.id || '|' || c.id || '|' || c.identifiant FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE p.jointure_aaf IS NOT NULL ORDER BY 1");
        await app.ExecuteAsync("""
            UPDATE identite.compte SET etat = 'actif', mot_de_passe_hash = 'x', active_le = now()
            WHERE personne_id = (SELECT id FROM identite.personne WHERE jointure_aaf = '2200000');
            UPDATE identite.lien_responsable SET lien = 'tuteur', legal = false, fixe_manuellement = true
            WHERE responsable_id = (SELECT id FROM identite.personne WHERE jointure_aaf = '3100004')
              AND eleve_id = (SELECT id FROM identite.personne WHERE jointure_aaf = '2200002');
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin)
            SELECT gen_random_uuid(), etablissement_id, annee_scolaire, 'trimestre', 1, '2026-09-01', '2026-11-30'
            FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = @annee ON CONFLICT DO NOTHING;
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            SELECT gen_random_uuid(), s.id, pe.id, '2026-10-01', 'Contrôle 1', 20, s.enseignant_id
            FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN scolarite.periode pe ON pe.etablissement_id = c.etablissement_id AND pe.annee_scolaire = c.annee_scolaire AND pe.numero = 1
            WHERE c.code = '2NDE1' AND s.matiere_code = '061300' AND c.annee_scolaire = @annee;
            INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, saisie_par)
            SELECT e.id, p.id, 15, s.enseignant_id FROM scolarite.evaluation e JOIN scolarite.service_enseignement s ON s.id = e.service_id, identite.personne p
            WHERE p.jointure_aaf = '2200000' AND e.titre = 'Contrôle 1';
            """, new { annee });
        var empreinte = await app.EmpreinteAsync();

        // 2. The same export again: nothing changes, every id stays.
        var second = await app.ImporterAsync(complet);

        Assert.Equal("termine", second.Import.Etat);
        Assert.All(second.Import.Resume.Values, c => Assert.Equal((0, 0, 0), (c.Crees, c.Modifies, c.Desactives)));
        Assert.Equal(empreinte, await app.EmpreinteAsync());
        Assert.Equal(ids, await app.QueryAsync<string>("SELECT p.jointure_aaf || '|' || p.id || '|' || c.id || '|' || c.identifiant FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE p.jointure_aaf IS NOT NULL ORDER BY 1"));
        Assert.Equal("actif", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = (SELECT id FROM identite.personne WHERE jointure_aaf = '2200000')"));
        Assert.Equal(15m, await app.ScalarAsync<decimal>("SELECT n.valeur FROM scolarite.note n JOIN identite.personne p ON p.id = n.eleve_id WHERE p.jointure_aaf = '2200000'"));
        Assert.Equal("tuteur|False", await app.ScalarAsync<string>("""
            SELECT l.lien || '|' || initcap(l.legal::text) FROM identite.lien_responsable l JOIN identite.personne r ON r.id = l.responsable_id JOIN identite.personne e ON e.id = l.eleve_id
            WHERE r.jointure_aaf = '3100004' AND e.jointure_aaf = '2200002'
            """));

        // 3. The delta: a class change, a pupil leaving, a new pupil whose guardian exists, a mobile change.
        var delta = await app.ImporterAsync(AafExemple.Delta());

        Assert.Equal("termine", delta.Import.Etat);
        Assert.Empty(delta.Rejets);
        Assert.Equal("delta", delta.Import.Nature);
        Assert.Equal((1, 0, 1), delta.Compte("eleves"));
        Assert.Equal((0, 1, 0), delta.Compte("responsables"));
        Assert.Equal((1, 0, 1), delta.Compte("comptes"));
        Assert.Equal((1, 0, 0), delta.Compte("liens"));
        Assert.Equal((2, 0, 2), delta.Compte("inscriptions"));
        Assert.Equal(["2ESP2", "2NDE1"], await app.QueryAsync<string>("""
            SELECT d.code FROM (SELECT classe_id AS id, eleve_id FROM scolarite.inscription_classe UNION ALL SELECT groupe_id, eleve_id FROM scolarite.inscription_groupe) i
            JOIN (SELECT id, code FROM scolarite.classe UNION ALL SELECT id, code FROM scolarite.groupe) d ON d.id = i.id
            JOIN identite.personne p ON p.id = i.eleve_id WHERE p.jointure_aaf = '2200001' ORDER BY 1
            """));
        Assert.Equal("desactive|1|0|1", await app.ScalarAsync<string>("""
            SELECT c.etat || '|' || (SELECT count(*) FROM identite.rattachement r WHERE r.personne_id = p.id AND r.retire_le IS NOT NULL)
                || '|' || (SELECT count(*) FROM scolarite.inscription_classe i WHERE i.eleve_id = p.id)
                || '|' || (SELECT count(*) FROM identite.personne x WHERE x.jointure_aaf = '2200017')
            FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE p.jointure_aaf = '2200017'
            """));
        Assert.Equal("Haddad|mere|True|2NDE2|a_activer", await app.ScalarAsync<string>("""
            SELECT e.nom || '|' || l.lien || '|' || initcap(l.legal::text) || '|' || cl.code || '|' || c.etat
            FROM identite.personne e JOIN identite.lien_responsable l ON l.eleve_id = e.id JOIN identite.personne r ON r.id = l.responsable_id
            JOIN scolarite.inscription_classe i ON i.eleve_id = e.id JOIN scolarite.classe cl ON cl.id = i.classe_id
            JOIN identite.compte c ON c.personne_id = e.id
            WHERE e.jointure_aaf = '2200100' AND r.jointure_aaf = '3100001'
            """));
        Assert.Equal("+33798765432", await app.ScalarAsync<string>("SELECT mobile FROM identite.personne WHERE jointure_aaf = '3100001'"));

        // 4. The first week's full export again: the pupil who had left is back, the new pupil, absent from it, is withdrawn.
        var retour = await app.ImporterAsync(complet);

        Assert.Equal("termine", retour.Import.Etat);
        Assert.Equal("actif|a_activer", await app.ScalarAsync<string>("""
            SELECT (SELECT CASE WHEN r.retire_le IS NULL THEN 'actif' ELSE 'retire' END FROM identite.rattachement r JOIN identite.personne p ON p.id = r.personne_id WHERE p.jointure_aaf = '2200017')
                || '|' || (SELECT c.etat FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id WHERE p.jointure_aaf = '2200017')
            """));
        Assert.Equal("desactive", await app.ScalarAsync<string>("SELECT c.etat FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id WHERE p.jointure_aaf = '2200100'"));
        Assert.Equal(1, retour.Compte("eleves").Item3);
        Assert.Equal("tuteur|False", await app.ScalarAsync<string>("""
            SELECT l.lien || '|' || initcap(l.legal::text) FROM identite.lien_responsable l JOIN identite.personne r ON r.id = l.responsable_id JOIN identite.personne e ON e.id = l.eleve_id
            WHERE r.jointure_aaf = '3100004' AND e.jointure_aaf = '2200002'
            """));
        Assert.Equal(ids.Count + 1, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.personne WHERE jointure_aaf IS NOT NULL"));
    }

    [Fact]
    public void Logins_mobiles_and_links_are_normalised_as_the_design_says()
    {
        Assert.Equal("zoe.n-diaye", Ent.Identite.ImportAaf.Normalisation.Identifiant("Zoé", "N'Diaye"));
        Assert.Equal("jean-francois.da-silva", Ent.Identite.ImportAaf.Normalisation.Identifiant(" Jean-François ", "Da Silva"));
        Assert.Equal("oceane.l-oeuvre", Ent.Identite.ImportAaf.Normalisation.Identifiant("Océane", "L'Œuvre"));
        Assert.Equal("+33612345678", Ent.Identite.ImportAaf.Normalisation.Mobile("06 12 34 56 78"));
        Assert.Equal("+33712345678", Ent.Identite.ImportAaf.Normalisation.Mobile("+33 (0)7 12 34 56 78"));
        Assert.Equal("+33612345678", Ent.Identite.ImportAaf.Normalisation.Mobile("0033 6 12 34 56 78"));
        Assert.Null(Ent.Identite.ImportAaf.Normalisation.Mobile("01 23 45 67 89"));
        Assert.Null(Ent.Identite.ImportAaf.Normalisation.Mobile("0000000000"));
        Assert.Equal(("mere", "pere", "tuteur", "autre"), (Ent.Identite.ImportAaf.Normalisation.Lien("10"), Ent.Identite.ImportAaf.Normalisation.Lien("20"),
            Ent.Identite.ImportAaf.Normalisation.Lien("50"), Ent.Identite.ImportAaf.Normalisation.Lien("39")));
        Assert.Equal(("seconde", "premiere", "terminale", null), (Ent.Identite.ImportAaf.Normalisation.Niveau("2NDE1"), Ent.Identite.ImportAaf.Normalisation.Niveau("1G1"),
            Ent.Identite.ImportAaf.Normalisation.Niveau("TSTMG2"), Ent.Identite.ImportAaf.Normalisation.Niveau("CAP1")));
    }
}
