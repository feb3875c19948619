using Dapper;
using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using static Ent.Communication.Moderation.ObtenirReglesMessagerieEndpoint;

namespace Ent.Communication.Moderation;

/// <summary>
/// PUT /api/communication/etablissements/{uai}/messagerie/regles — the établissement's administrators save who may write
/// to whom: the pairs sent with their scope, every other pair « aucune ». Effective at once (the picker and the sending
/// read the table at each request). Anyone else gets 404.
/// </summary>
internal static class ModifierReglesMessagerieEndpoint
{
    /// <summary>The rules to save.</summary>
    /// <param name="Regles">Pairs of profiles with their scope; a pair left out is closed.</param>
    internal sealed record SaisieRegles([property: System.ComponentModel.DataAnnotations.MaxLength(36)] RegleMessagerie[]? Regles);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/messagerie/regles", Handle)
        .WithName("ModifierReglesMessagerie")
        .WithSummary("Enregistre les règles de la messagerie de l'établissement (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        DELETE FROM communication.regle_messagerie WHERE etablissement_id = @etablissementId;
        INSERT INTO communication.regle_messagerie (etablissement_id, expediteur, destinataire, portee, modifie_par, modifie_le)
        SELECT @etablissementId, e, d, p, @personneId, @maintenant FROM unnest(@expediteurs, @destinataires, @portees) AS x(e, d, p);
        """;

    private static async Task<Results<Ok<ReglesMessagerieEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, SaisieRegles saisie, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var regles = saisie.Regles ?? [];
        if (saisie.Regles is null)
        {
            erreurs.Add("regles", "Envoyez la liste des règles (expediteur, destinataire, portee).");
        }

        for (var i = 0; i < regles.Length; i++)
        {
            var r = regles[i];
            if (r is null)
            {
                erreurs.Add($"regles[{i}]", "Une règle est vide.");
                continue;
            }

            if (!ProfilsMessagerie.Tous.Contains(r.Expediteur) || !ProfilsMessagerie.Tous.Contains(r.Destinataire))
            {
                erreurs.Add($"regles[{i}]", "Les profils sont eleve, responsable, enseignant, cpe, direction ou personnel.");
            }

            if (!Portees.Toutes.Contains(r.Portee))
            {
                erreurs.Add($"regles[{i}].portee", "La portée est aucune, liens ou etablissement.");
            }
        }

        if (regles.Where(r => r is not null).GroupBy(r => (r.Expediteur, r.Destinataire)).Any(g => g.Count() > 1))
        {
            erreurs.Add("regles", "Chaque paire de profils figure une fois au plus.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        var completes = ProfilsMessagerie.Tous.SelectMany(e => ProfilsMessagerie.Tous.Select(d =>
            regles.FirstOrDefault(r => r.Expediteur == e && r.Destinataire == d) ?? new RegleMessagerie(e, d, Portees.Aucune))).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            etablissementId = etablissement.Id, personneId = acces.PersonneId, maintenant = clock.GetUtcNow(),
            expediteurs = completes.Select(r => r.Expediteur).ToArray(),
            destinataires = completes.Select(r => r.Destinataire).ToArray(),
            portees = completes.Select(r => r.Portee).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await LireAsync(conn, etablissement.Id, ct));
    }
}
