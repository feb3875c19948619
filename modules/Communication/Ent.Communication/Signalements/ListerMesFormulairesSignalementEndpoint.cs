using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// GET /api/communication/me/signalements/formulaires — the forms I may fill: a pupil, those of their établissement
/// (about themselves); a legal guardian, those of each child's établissement (choosing the child). Staff and teachers
/// get an empty list.
/// </summary>
internal static class ListerMesFormulairesSignalementEndpoint
{
    /// <summary>A pupil a report may be about.</summary>
    /// <param name="Id">The pupil.</param>
    /// <param name="Nom">« Prénom Nom ».</param>
    internal sealed record EleveSignalement(Guid Id, string Nom);

    /// <summary>A form I may fill.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">Title.</param>
    /// <param name="Description">What to know before filling it.</param>
    /// <param name="Champs">Its fields.</param>
    /// <param name="Confidentiel">Read by the direction and the CPE only.</param>
    /// <param name="Etablissement">The établissement's name.</param>
    /// <param name="Eleves">Whom it may be about (myself when I am the pupil, my children of that établissement).</param>
    internal sealed record FormulaireADeposer(Guid Id, string Titre, string Description, ChampSignalement[] Champs, bool Confidentiel,
        string Etablissement, EleveSignalement[] Eleves);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/signalements/formulaires", Handle)
        .WithName("ListerMesFormulairesSignalement")
        .WithSummary("Les formulaires de signalement que je peux remplir (élèves, responsables légaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<FormulaireADeposer[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IAnnuaire annuaire,
        AccesSignalements acces, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var eleves = await acces.ElevesAsync(moi, ct);
        if (eleves.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<FormulaireADeposer>());
        }

        var etablissements = eleves.Select(e => e.EtablissementId).Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<ListerFormulairesSignalementEndpoint.Ligne>(new CommandDefinition(
            ListerFormulairesSignalementEndpoint.SelectSql + " WHERE f.etablissement_id = ANY(@etablissements) AND f.actif ORDER BY f.cree_le, f.id",
            new { etablissements }, cancellationToken: ct))).AsList();
        var noms = new Dictionary<Guid, string>();
        foreach (var e in etablissements)
        {
            noms[e] = (await annuaire.TrouverEtablissementAsync(e, ct))?.Nom ?? "?";
        }

        return TypedResults.Ok(lignes.Select(l =>
        {
            var f = l.VersFormulaire();
            return new FormulaireADeposer(f.Id, f.Titre, f.Description, f.Champs, f.Confidentiel, noms[l.EtablissementId],
                [.. eleves.Where(e => e.EtablissementId == l.EtablissementId).Select(e => new EleveSignalement(e.EleveId, e.Nom))]);
        }).ToArray());
    }
}
