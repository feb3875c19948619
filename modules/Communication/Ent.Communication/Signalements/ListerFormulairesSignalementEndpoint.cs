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
/// GET /api/communication/etablissements/{uai}/signalements/formulaires — the builder's page: the établissement's forms
/// (active or not, with how many reports each received) and the ready models to start from. Its head, local
/// administrators and CPE only; anyone else gets 404, as for an unknown établissement.
/// </summary>
internal static class ListerFormulairesSignalementEndpoint
{
    /// <summary>A form of the établissement.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Modele">The ready model it was made from, if any (harcelement, locaux, secretariat).</param>
    /// <param name="Titre">Title.</param>
    /// <param name="Description">Shown above the form.</param>
    /// <param name="Champs">Its fields.</param>
    /// <param name="Destinataires">Functions that receive it.</param>
    /// <param name="Confidentiel">Direction and CPE only; every read logged.</param>
    /// <param name="Actif">Offered to families and pupils.</param>
    /// <param name="Depots">Reports filed with it.</param>
    internal sealed record FormulaireSignalement(Guid Id, string? Modele, string Titre, string Description, ChampSignalement[] Champs,
        string[] Destinataires, bool Confidentiel, bool Actif, int Depots);

    /// <summary>The builder's page.</summary>
    /// <param name="Formulaires">The établissement's forms, oldest first.</param>
    /// <param name="Modeles">The ready models.</param>
    /// <param name="Fonctions">The functions a form may be sent to.</param>
    internal sealed record FormulairesEtablissement(FormulaireSignalement[] Formulaires, ModeleSignalement[] Modeles, string[] Fonctions);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/signalements/formulaires", Handle)
        .WithName("ListerFormulairesSignalement")
        .WithSummary("Les formulaires de signalement de l'établissement et les modèles prêts à l'emploi (direction, CPE).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // A class with setters, not a positional record: Dapper hands a text[] column to a constructor as System.Array.
    internal sealed class Ligne
    {
        public Guid Id { get; init; }
        public Guid EtablissementId { get; init; }
        public string? Modele { get; init; }
        public string Titre { get; init; } = string.Empty;
        public string Description { get; init; } = string.Empty;
        public string Champs { get; init; } = "[]";
        public string[] Destinataires { get; init; } = [];
        public bool Confidentiel { get; init; }
        public bool Actif { get; init; }
        public int Depots { get; init; }

        public FormulaireSignalement VersFormulaire() => new(Id, Modele, Titre, Description,
            System.Text.Json.JsonSerializer.Deserialize<ChampSignalement[]>(Champs, ReglesSignalement.Json) ?? [], Destinataires, Confidentiel, Actif, Depots);
    }

    internal const string SelectSql = """
        SELECT f.id, f.etablissement_id, f.modele, f.titre, f.description, f.champs::text AS champs, f.destinataires, f.confidentiel, f.actif,
               (SELECT count(*)::int FROM communication.dossier_signalement d WHERE d.formulaire_id = f.id) AS depots
        FROM communication.formulaire_signalement f
        """;

    private static async Task<Results<Ok<FormulairesEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(string uai, ICurrentUser utilisateur,
        IAnnuaire annuaire, AccesSignalements acces, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement || !await acces.PeutConcevoirAsync(moi, etablissement.Id, ct))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(SelectSql + " WHERE f.etablissement_id = @id ORDER BY f.cree_le, f.id",
            new { id = etablissement.Id }, cancellationToken: ct));
        return TypedResults.Ok(new FormulairesEtablissement([.. lignes.Select(l => l.VersFormulaire())], ReglesSignalement.Modeles,
            ReglesSignalement.FonctionsDestinataires));
    }
}
