using System.Text.Json;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// PUT /api/communication/signalements/formulaires/{id} — the builders correct a form: title, presentation, fields,
/// receivers, confidentiality (a form made from the harassment model stays confidential). The reports already filed
/// keep their own copy of the questions, title, receivers and confidentiality: who reads them does not change.
/// </summary>
internal static class ModifierFormulaireSignalementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/signalements/formulaires/{id:guid}", Handle)
        .WithName("ModifierFormulaireSignalement")
        .WithSummary("Corrige un formulaire de signalement (les signalements déjà déposés gardent leur version).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE communication.formulaire_signalement
        SET titre = @titre, description = @description, champs = @champs::jsonb, destinataires = @destinataires, confidentiel = @confidentiel
        WHERE id = @id
        """;

    private sealed record Existant(Guid EtablissementId, string? Modele, bool Actif);

    private static async Task<Results<Ok<ListerFormulairesSignalementEndpoint.FormulaireSignalement>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, CreerFormulaireSignalementEndpoint.NouveauFormulaire requete, ICurrentUser utilisateur, AccesSignalements acces, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var existant = await conn.QuerySingleOrDefaultAsync<Existant>(new CommandDefinition(
            "SELECT etablissement_id, modele, actif FROM communication.formulaire_signalement WHERE id = @id", new { id }, cancellationToken: ct));
        if (existant is null || !await acces.PeutConcevoirAsync(moi, existant.EtablissementId, ct))
        {
            return Problemes.Introuvable("Aucun formulaire de signalement ne correspond à cette adresse.");
        }

        // The model it was made from stays its model: a harassment form cannot be made ordinary by an edit.
        var confidentiel = requete.Confidentiel || existant.Modele == ReglesSignalement.Harcelement;
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var description = requete.Description?.Trim() ?? string.Empty;
        var erreurs = new Erreurs()
            .Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(description.Length <= 2000, "description", "La présentation compte 2 000 caractères au plus.");
        var champs = ReglesSignalement.ValiderChamps(requete.Champs, erreurs);
        var destinataires = ReglesSignalement.ValiderDestinataires(requete.Destinataires, confidentiel, erreurs);
        if (erreurs.Any || champs is null)
        {
            return erreurs.ToProblem();
        }

        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id, titre, description, champs = JsonSerializer.Serialize(champs, ReglesSignalement.Json), destinataires, confidentiel,
        }, cancellationToken: ct));
        var depots = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM communication.dossier_signalement WHERE formulaire_id = @id", new { id }, cancellationToken: ct));
        return TypedResults.Ok(new ListerFormulairesSignalementEndpoint.FormulaireSignalement(id, existant.Modele, titre, description, champs, destinataires,
            confidentiel, existant.Actif, depots));
    }
}
