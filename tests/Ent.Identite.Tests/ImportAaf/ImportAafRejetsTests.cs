using Ent.Testing;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>A bad entry is rejected with its file, line and a French reason; the others are imported.</summary>
public sealed class ImportAafRejetsTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public async Task Bad_entries_are_reported_with_their_line_and_the_others_imported()
    {
        var dossier = AafExemple.Complet();
        var eleves = ImportAafOutils.Fichier(dossier, "Eleve");
        ImportAafOutils.Remplacer(eleves, "<value>13/05/2010</value>", "<value>31/02/2010</value>");        // 2200000: no such date
        ImportAafOutils.Remplacer(eleves, "<value>3100008$10$1$1$1$0</value>", "<value>3999999$10$1$1$1$0</value>"); // unknown guardian
        ImportAafOutils.Remplacer(eleves, """<attr name="sn"><value>Dubois</value></attr>""", """<attr name="sn"><value/></attr>"""); // 2200002: no surname
        var personnels = ImportAafOutils.Fichier(dossier, "PersEducNat");
        ImportAafOutils.Remplacer(personnels, "62001$MDS$MEDICO-SOCIAL$INF$INFIRMIER", "62001$ADF$ADMINISTRATIF$ADF$ADMINISTRATION"); // no function Ent knows
        // 2200005 in a class the établissement does not have; a class whose level nothing tells (a CAP).
        var texte = File.ReadAllText(eleves);
        var i = texte.IndexOf("62001$1G1", texte.IndexOf("<id>2200005</id>", StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(eleves, string.Concat(texte.AsSpan(0, i), "62001$XXX", texte.AsSpan(i + "62001$1G1".Length)));
        ImportAafOutils.Remplacer(ImportAafOutils.Fichier(dossier, "EtabEducNat"), "<value>1G1$1ERE G1</value>", "<value>1G1$1ERE G1</value><value>CAP1$CAP CUISINE</value>");
        var nomFichier = Path.GetFileName(eleves);

        var detail = await app.ImporterAsync(dossier);

        Assert.Equal("termine", detail.Import.Etat);
        Assert.Equal((16, 0, 0), detail.Compte("eleves"));
        Assert.Equal((5, 0, 0), detail.Compte("personnels"));
        Assert.Equal(7, detail.Import.Rejets);
        Assert.Equal((3, 0, 0), detail.Compte("classes"));
        var classe = Assert.Single(detail.Rejets, r => r.Jointure == "2200005");
        Assert.Equal(ImportAafOutils.LigneEntree(eleves, "2200005"), classe.Ligne);
        Assert.Contains("Classe « XXX » inconnue", classe.Motif, StringComparison.Ordinal);
        Assert.Contains(detail.Rejets, r => r.Motif.Contains("Classe « CAP1 » (CAP CUISINE) ignorée", StringComparison.Ordinal));
        // 3100008 was named only by the link replaced above: a guardian no pupil names is set aside.
        Assert.Contains("aucun élève ne nomme", Assert.Single(detail.Rejets, r => r.Jointure == "3100008").Motif, StringComparison.Ordinal);
        var date = Assert.Single(detail.Rejets, r => r.Jointure == "2200000");
        Assert.Equal((nomFichier, ImportAafOutils.LigneEntree(eleves, "2200000")), (date.Fichier, date.Ligne!.Value));
        Assert.Contains("Date de naissance « 31/02/2010 » invalide", date.Motif, StringComparison.Ordinal);
        var nom = Assert.Single(detail.Rejets, r => r.Jointure == "2200002");
        Assert.Equal(ImportAafOutils.LigneEntree(eleves, "2200002"), nom.Ligne);
        Assert.Contains("nom (sn)", nom.Motif, StringComparison.Ordinal);
        var responsable = Assert.Single(detail.Rejets, r => r.Motif.Contains("3999999", StringComparison.Ordinal));
        Assert.Contains("Responsable 3999999 inconnu", responsable.Motif, StringComparison.Ordinal);
        var fonction = Assert.Single(detail.Rejets, r => r.Jointure == "2900006");
        Assert.Contains("Aucune fonction reconnue", fonction.Motif, StringComparison.Ordinal);

        // The pupil whose guardian is unknown is there, without that link; the other pupils too.
        Assert.Equal(0, await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM identite.lien_responsable l JOIN identite.personne e ON e.id = l.eleve_id
            WHERE e.jointure_aaf = (SELECT jointure_aaf FROM identite.personne WHERE jointure_aaf LIKE '22%' AND nom = 'Martin' AND jointure_aaf <> '2200000' LIMIT 0)
            """));
        Assert.Equal(16, await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id WHERE e.uai = '0931234L' AND r.profil = 'eleve'
            """));
    }
}
