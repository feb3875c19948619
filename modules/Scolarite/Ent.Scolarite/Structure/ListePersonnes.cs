using Ent.Kernel.Http;

namespace Ent.Scolarite.Structure;

/// <summary>
/// The people an administrator lists (a class's pupils, its head teachers): each must be attached to the établissement
/// with the right profile, and named once. Errors name the list's index, so that a form can point at the line.
/// </summary>
internal static class ListePersonnes
{
    public static Erreurs Verifier(this Erreurs erreurs, string champ, IReadOnlyList<Guid> ids, IReadOnlySet<Guid> permises,
        Func<Guid, string> inconnue)
    {
        var vues = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!permises.Contains(ids[i]))
            {
                erreurs.Add($"{champ}[{i}]", inconnue(ids[i]));
            }
            else if (!vues.Add(ids[i]))
            {
                erreurs.Add($"{champ}[{i}]", "Cette personne figure déjà plus haut dans la liste.");
            }
        }

        return erreurs;
    }
}
