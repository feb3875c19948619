using Ent.Kernel.Http;

namespace Ent.Identite.Acces;

/// <summary>Page number and size of the access-log lists, validated at the edge.</summary>
internal static class Pagination
{
    public const int TailleParDefaut = 50;
    public const int TailleMax = 100;

    public static Erreurs Valider(int page, int taille) => new Erreurs()
        .Require(page is >= 1 and <= 100_000, "page", "La page est comprise entre 1 et 100 000.")
        .Require(taille is >= 1 and <= TailleMax, "taille", $"La taille d'une page est comprise entre 1 et {TailleMax}.");
}
