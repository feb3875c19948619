using Ent.Kernel.Http;

namespace Ent.Scolarite.Appreciations;

/// <summary>Validation shared by the batch writes of appraisals: each pupil known and once, each text within its length.</summary>
internal static class LignesEleves
{
    public static Erreurs Valider(IReadOnlyList<(Guid EleveId, string? Texte)> lignes, string liste, string champTexte, int longueurMax,
        HashSet<Guid> eleves, Erreurs? erreurs = null)
    {
        erreurs ??= new Erreurs();
        var vus = new HashSet<Guid>();
        for (var i = 0; i < lignes.Count; i++)
        {
            var (eleveId, texte) = lignes[i];
            if (!eleves.Contains(eleveId))
            {
                erreurs.Add($"{liste}[{i}].eleveId", "Cet élève ne fait pas partie de la classe ou du groupe.");
            }
            else if (!vus.Add(eleveId))
            {
                erreurs.Add($"{liste}[{i}].eleveId", "Cet élève figure deux fois.");
            }

            if (texte is not null && texte.Trim().Length > longueurMax)
            {
                erreurs.Add($"{liste}[{i}].{champTexte}", $"Le texte fait {longueurMax} caractères au plus.");
            }
        }

        return erreurs;
    }
}
