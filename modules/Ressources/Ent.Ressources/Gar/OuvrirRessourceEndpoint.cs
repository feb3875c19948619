using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Ressources.Gar;

/// <summary>
/// POST /api/ressources/me/ressources-numeriques/ouvertures — I open one of my resources: the opening is recorded (who,
/// which, when: the family sees it in the week's list) and the answer gives the address to open, the GAR's, which asks
/// Ent who I am (SAML). Only a resource the GAR listed for me.
/// </summary>
internal static class OuvrirRessourceEndpoint
{
    /// <summary>Which resource.</summary>
    /// <param name="IdRessource">The GAR's id, as listed.</param>
    internal sealed record DemandeOuverture(string? IdRessource);

    /// <summary>The opening recorded.</summary>
    /// <param name="Id">The opening.</param>
    /// <param name="UrlAccesRessource">The address to open (https, through the GAR).</param>
    internal sealed record OuvertureEnregistree(Guid Id, string UrlAccesRessource);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/ressources-numeriques/ouvertures", Handle)
        .WithName("OuvrirRessourceNumerique")
        .WithSummary("Enregistre l'ouverture d'une de mes ressources et donne son adresse.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Created<OuvertureEnregistree>, ValidationProblem, ProblemHttpResult>> Handle(DemandeOuverture demande,
        ICurrentUser utilisateur, UtilisateursGar utilisateurs, ClientGar gar, IOptions<GarOptions> options, NpgsqlDataSource db, TimeProvider horloge, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        // Who may open first (a guardian gets 404 whatever the body), then what is asked.
        if (await utilisateurs.ProfilAsync(moi, null, ct) is not { } profil)
        {
            return ListerMesRessourcesEndpoint.PasDeProfilGar();
        }

        if (string.IsNullOrWhiteSpace(demande.IdRessource) || demande.IdRessource.Length > 500)
        {
            return Problemes.Validation(new Dictionary<string, string[]> { ["idRessource"] = ["Indiquez la ressource à ouvrir."] });
        }

        if (!options.Value.Actif)
        {
            return Problemes.Introuvable("Cet ENT n'est pas encore relié au GAR : aucune ressource ne peut être ouverte.");
        }

        if (await utilisateurs.TrouverAsync(moi, profil.Etablissement.Id, ct) is not { } u)
        {
            return ListerMesRessourcesEndpoint.PasDeProfilGar();
        }

        if (await gar.TrouverAsync(u.Etablissement.Uai, u.Identifiant, demande.IdRessource, ct) is not { } ressource)
        {
            return Problemes.Introuvable("Cette ressource ne fait pas partie de celles que le GAR vous attribue.");
        }

        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ressources.gar_ouverture (id, personne_id, etablissement_id, id_ressource, nom_ressource, nom_editeur, ouverte_le)
            VALUES (@id, @moi, @etablissementId, @IdRessource, @NomRessource, @NomEditeur, @maintenant)
            """, new { id, moi, etablissementId = u.Etablissement.Id, ressource.IdRessource, ressource.NomRessource, ressource.NomEditeur,
            maintenant = horloge.GetUtcNow() }, cancellationToken: ct));
        return TypedResults.Created((string?)null, new OuvertureEnregistree(id, ressource.UrlAccesRessource));
    }
}
