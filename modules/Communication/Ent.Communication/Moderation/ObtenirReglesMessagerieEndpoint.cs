using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// GET /api/communication/etablissements/{uai}/messagerie/regles — who may write to whom in the établissement (every
/// pair of profiles with its scope), for its administrators (head, local administrators); anyone else gets 404.
/// </summary>
internal static class ObtenirReglesMessagerieEndpoint
{
    /// <summary>One rule: senders of a profile may write to recipients of a profile, within a scope.</summary>
    /// <param name="Expediteur">The senders' profile.</param>
    /// <param name="Destinataire">The recipients' profile.</param>
    /// <param name="Portee">aucune (nobody), liens (those linked through the pupils), etablissement (everyone).</param>
    internal sealed record RegleMessagerie(string Expediteur, string Destinataire, string Portee);

    /// <summary>A profile and its French name.</summary>
    internal sealed record ProfilMessagerie(string Code, string Libelle);

    /// <summary>The établissement's rules.</summary>
    /// <param name="Regles">Every pair of profiles (36), with its scope.</param>
    /// <param name="ParDefaut">True while the établissement has not saved its own rules.</param>
    /// <param name="Profils">The profiles, in the screen's order.</param>
    internal sealed record ReglesMessagerieEtablissement(RegleMessagerie[] Regles, bool ParDefaut, ProfilMessagerie[] Profils);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/messagerie/regles", Handle)
        .WithName("ObtenirReglesMessagerie")
        .WithSummary("Les règles de la messagerie de l'établissement : qui peut écrire à qui (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ReglesMessagerieEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, NpgsqlDataSource db, CancellationToken ct)
    {
        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await LireAsync(conn, etablissement.Id, ct));
    }

    public static async Task<ReglesMessagerieEtablissement> LireAsync(NpgsqlConnection conn, Guid etablissementId, CancellationToken ct)
    {
        var regles = await ReglesMessagerie.ReglesAsync(conn, etablissementId, ct);
        var parDefaut = await Dapper.SqlMapper.ExecuteScalarAsync<bool>(conn, new Dapper.CommandDefinition(
            "SELECT NOT EXISTS (SELECT 1 FROM communication.regle_messagerie WHERE etablissement_id = @etablissementId)",
            new { etablissementId }, cancellationToken: ct));
        return new ReglesMessagerieEtablissement(
            [.. ProfilsMessagerie.Tous.SelectMany(e => ProfilsMessagerie.Tous.Select(d => new RegleMessagerie(e, d, regles[(e, d)])))],
            parDefaut,
            [.. ProfilsMessagerie.Tous.Select(p => new ProfilMessagerie(p, ProfilsMessagerie.Libelle(p)))]);
    }
}
