namespace Ent.Testing;

/// <summary>
/// The small fictional AAF export kept in the repository (tests/Ent.Testing/aaf-exemple, README there): one lycée, a full
/// export of 1 September 2026 and a delta of a week later. Each is copied to a folder of its own, as an academy sends
/// them, so that a test may also alter its copy.
/// </summary>
public static class AafExemple
{
    public static string Source => Path.Combine(Http.RepositoryRoot(), "tests", "Ent.Testing", "aaf-exemple");

    /// <summary>A fresh folder holding the full export's six files.</summary>
    public static string Complet() => Copier("ENT_Complet_");

    /// <summary>A fresh folder holding the delta's two files.</summary>
    public static string Delta() => Copier("ENT_Delta_");

    private static string Copier(string prefixe)
    {
        var dossier = TestCluster.NewFolder("aaf");
        foreach (var fichier in Directory.GetFiles(Source, prefixe + "*.xml"))
        {
            File.Copy(fichier, Path.Combine(dossier, Path.GetFileName(fichier)));
        }

        return dossier;
    }
}
