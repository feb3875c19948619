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
/// GET /api/communication/etablissements/{uai}/envois?statut=echec — the établissement's messages to families in a given
/// state, latest first (failed by default: the notifications the vie scolaire desk must follow up by phone).
/// </summary>
internal static class ListerEnvoisEtablissementEndpoint
{
    private static readonly string[] Statuts = ["echec", "en_attente", "envoye", "remis", "annule"];

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/envois", Handle)
        .WithName("ListerEnvoisEtablissement")
        .WithSummary("Messages aux familles de l'établissement dans un état donné (par défaut : en échec), pour la vie scolaire.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static readonly string Sql = $"""
        SELECT {EnvoiFamille.Colonnes} FROM communication.message_sortant
        WHERE etablissement_id = @etablissementId AND statut = @statut
        ORDER BY cree_le DESC, id DESC LIMIT 200
        """;

    private static async Task<Results<Ok<EnvoiFamille[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? statut, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal,
        NpgsqlDataSource db, CancellationToken ct)
    {
        var voulu = statut ?? "echec";
        if (!Statuts.Contains(voulu))
        {
            return new Erreurs().Add("statut", "Le statut est echec, en_attente, envoye, remis ou annule.").ToProblem();
        }

        var route = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement)
        {
            return route.Introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<EnvoiFamille.Ligne>(new CommandDefinition(Sql, new { etablissementId = etablissement.Id, statut = voulu },
            cancellationToken: ct))).AsList();
        var ids = lignes.Select(l => l.PersonneId).Concat(lignes.Select(l => l.EleveId)).OfType<Guid>().Distinct().ToArray();
        var noms = (await annuaire.TrouverPersonnesAsync(ids, ct)).ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        await journal.NoterAsync(http, utilisateur, lignes.Select(l => l.EleveId).OfType<Guid>().Distinct().ToArray(), Domaine.VieScolaire,
            ActionAcces.Lecture, "ListerEnvoisEtablissement", ct);
        return TypedResults.Ok(lignes.Select(l => EnvoiFamille.De(l, noms)).ToArray());
    }
}
