using System.IO.Compression;
using System.Text;
using Ent.Testing;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>A limit on the whole export low enough for a test's zip bomb (the example weighs about 70 KB).</summary>
public sealed class EntAppPetiteLimite : EntApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:ImportAaf:TailleMaxTotaleOctets"] = "500000",
    };
}

/// <summary>
/// What refuses a whole import, each with a French message and nothing changed in the database: an XXE attempt, a
/// truncated file, bytes that do not match the declared encoding, a file beyond the size limit, a zip whose paths leave
/// its folder, a zip that uncompresses beyond the limit.
/// </summary>
public sealed class ImportAafRefusTests(EntAppPetiteLimite app) : IClassFixture<EntAppPetiteLimite>
{
    private async Task RefuseAsync(string chemin, string attendu)
    {
        var avant = await app.EmpreinteAsync();

        var detail = await app.ImporterAsync(chemin);

        Assert.Equal("refuse", detail.Import.Etat);
        Assert.Contains(attendu, detail.Import.Message, StringComparison.Ordinal);
        Assert.Contains("rien n'a été modifié", detail.Import.Message, StringComparison.Ordinal);
        Assert.Equal(avant, await app.EmpreinteAsync());
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.etablissement WHERE uai = '0931234L'"));
    }

    [Fact]
    public async Task An_entity_declared_in_an_internal_dtd_is_refused()
    {
        var dossier = AafExemple.Complet();
        var eleves = ImportAafOutils.Fichier(dossier, "Eleve");
        ImportAafOutils.Remplacer(eleves, """<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">""",
            """<!DOCTYPE ficAlimMENESR [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>""");
        ImportAafOutils.Remplacer(eleves, "<value>Martin</value>", "<value>&xxe;</value>");

        await RefuseAsync(dossier, "XXE");
    }

    [Fact]
    public async Task An_internal_dtd_is_refused_even_when_its_entity_is_not_used()
    {
        var dossier = AafExemple.Complet();
        ImportAafOutils.Remplacer(ImportAafOutils.Fichier(dossier, "MefEducNat"), """<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">""",
            """<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd" [<!ENTITY xxe SYSTEM "http://example.org/x">]>""");

        await RefuseAsync(dossier, "DTD interne");
    }

    [Fact]
    public async Task An_undeclared_entity_is_refused()
    {
        var dossier = AafExemple.Complet();
        ImportAafOutils.Remplacer(ImportAafOutils.Fichier(dossier, "Eleve"), "<value>Martin</value>", "<value>&xxe;</value>");

        await RefuseAsync(dossier, "entité");
    }

    [Fact]
    public async Task A_truncated_file_is_refused_even_after_valid_files()
    {
        var dossier = AafExemple.Complet();
        var relations = ImportAafOutils.Fichier(dossier, "PersRelEleve"); // read last: the others were fine
        var octets = File.ReadAllBytes(relations);
        File.WriteAllBytes(relations, octets[..(octets.Length / 2)]);

        await RefuseAsync(dossier, "tronqué");
    }

    [Fact]
    public async Task Latin_9_bytes_in_a_file_declared_utf_8_are_refused()
    {
        var dossier = AafExemple.Complet();
        var relations = ImportAafOutils.Fichier(dossier, "PersRelEleve");
        var texte = File.ReadAllBytes(relations);
        var entete = Encoding.ASCII.GetBytes("""encoding="ISO-8859-15""");
        var i = texte.AsSpan().IndexOf(entete);
        File.WriteAllBytes(relations, [.. texte[..i], .. Encoding.ASCII.GetBytes("""encoding="UTF-8"""), .. texte[(i + entete.Length)..]]);

        await RefuseAsync(dossier, "encodage");
    }

    [Fact]
    public async Task A_two_gigabyte_file_is_refused_without_being_read()
    {
        var dossier = AafExemple.Complet();
        // Sparse: 2 GB announced, nothing written.
        using (var f = new FileStream(ImportAafOutils.Fichier(dossier, "Eleve"), FileMode.Open))
        {
            f.SetLength(2L * 1024 * 1024 * 1024);
        }

        await RefuseAsync(dossier, "au-delà de la limite");
    }

    [Theory]
    [InlineData("../ENT_Complet_20260901_Eleve_0000.xml")]
    [InlineData("export/../../ENT_Complet_20260901_Eleve_0000.xml")]
    [InlineData("/tmp/ENT_Complet_20260901_Eleve_0000.xml")]
    public async Task A_zip_with_a_path_outside_its_folder_is_refused(string nom)
    {
        var zip = Path.Combine(TestCluster.NewFolder("zip"), "export.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var fichier in Directory.GetFiles(AafExemple.Complet()))
            {
                archive.CreateEntryFromFile(fichier, fichier.EndsWith("_Eleve_0000.xml", StringComparison.Ordinal) ? nom : Path.GetFileName(fichier));
            }
        }

        await RefuseAsync(zip, "sort de son dossier");
    }

    [Fact]
    public async Task A_zip_that_uncompresses_beyond_the_limit_is_refused()
    {
        var zip = Path.Combine(TestCluster.NewFolder("zip"), "bombe.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var fichier in Directory.GetFiles(AafExemple.Complet()))
            {
                archive.CreateEntryFromFile(fichier, Path.GetFileName(fichier));
            }

            // 10 MB of spaces compress to a few KB.
            using var flux = archive.CreateEntry("ENT_Complet_20260901_MefEducNat_0001.xml", CompressionLevel.SmallestSize).Open();
            var blanc = new byte[1 << 20];
            Array.Fill(blanc, (byte)' ');
            for (var i = 0; i < 10; i++)
            {
                flux.Write(blanc);
            }
        }

        Assert.True(new FileInfo(zip).Length < 200_000);
        await RefuseAsync(zip, "décompressés");
    }

    [Fact]
    public async Task A_folder_mixing_a_full_export_and_a_delta_is_refused()
    {
        await RefuseAsync(AafExemple.Source, "mélange");
    }
}
