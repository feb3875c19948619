using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Suivi;

/// <summary>
/// GET /api/communication/eleves/{eleveId}/envois — the messages sent to a pupil's family about the pupil, latest first,
/// with each one's fate (queued, sent, delivered, failed with its reason): the vie scolaire desk checks that a family
/// was told. For the CPE and the head of the pupil's établissement.
/// </summary>
internal static class ListerEnvoisEleveEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/envois", Handle)
        .WithName("ListerEnvoisEleve")
        .WithSummary("Messages envoyés à la famille au sujet d'un élève et leur sort (vie scolaire).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static readonly string Sql = $"""
        SELECT {EnvoiFamille.Colonnes} FROM communication.message_sortant WHERE eleve_id = @eleveId ORDER BY cree_le DESC, id DESC LIMIT 200
        """;

    private static async Task<Results<Ok<EnvoiFamille[]>, ProblemHttpResult>> Handle(
        Guid eleveId, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId || (await annuaire.TrouverEtablissementEleveAsync(eleveId, ct))?.Id is not { } etablissementId
            || !await regles.PeutSuivreVieScolaireAsync(personneId, etablissementId, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<EnvoiFamille.Ligne>(new CommandDefinition(Sql, new { eleveId }, cancellationToken: ct))).AsList();
        var noms = (await annuaire.TrouverPersonnesAsync(lignes.Select(l => l.PersonneId).OfType<Guid>().Append(eleveId).Distinct().ToArray(), ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ListerEnvoisEleve", ct);
        return TypedResults.Ok(lignes.Select(l => EnvoiFamille.De(l, noms)).ToArray());
    }
}
