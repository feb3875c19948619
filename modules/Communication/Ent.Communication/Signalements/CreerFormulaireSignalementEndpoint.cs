using System.ComponentModel.DataAnnotations;
using System.Text.Json;
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
/// POST /api/communication/etablissements/{uai}/signalements/formulaires — the head, a local administrator or the CPE
/// builds a form: title, fields (text, choice, date, file; required or not), receivers by function. Made from the
/// harassment model, it is confidential whatever is sent: direction and CPE only.
/// </summary>
internal static class CreerFormulaireSignalementEndpoint
{
    /// <summary>A form to create.</summary>
    /// <param name="Modele">The ready model it starts from (harcelement, locaux, secretariat), if any.</param>
    /// <param name="Titre">Title, 1 to 200 characters.</param>
    /// <param name="Description">Shown above the form, 2,000 characters at most.</param>
    /// <param name="Champs">1 to 20 fields.</param>
    /// <param name="Destinataires">Functions that receive it: direction, cpe, secretariat, infirmier, documentaliste, administrateur_local.</param>
    /// <param name="Confidentiel">Direction and CPE only, every read logged.</param>
    internal sealed record NouveauFormulaire(string? Modele, string? Titre, [property: MaxLength(2000)] string? Description,
        [property: MaxLength(20)] ChampSaisi[]? Champs, [property: MaxLength(6)] string[]? Destinataires, bool Confidentiel);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/signalements/formulaires", Handle)
        .WithName("CreerFormulaireSignalement")
        .WithSummary("Crée un formulaire de signalement (champs texte, choix, date, fichier ; destinataires par fonction).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO communication.formulaire_signalement (id, etablissement_id, modele, titre, description, champs, destinataires, confidentiel, cree_par, cree_le)
        VALUES (@id, @etablissementId, @modele, @titre, @description, @champs::jsonb, @destinataires, @confidentiel, @moi, @maintenant)
        """;

    private static async Task<Results<Created<ListerFormulairesSignalementEndpoint.FormulaireSignalement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouveauFormulaire requete, ICurrentUser utilisateur, IAnnuaire annuaire, AccesSignalements acces, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
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

        var erreurs = new Erreurs();
        if (requete.Modele is not null && ReglesSignalement.Modeles.All(m => m.Modele != requete.Modele))
        {
            erreurs.Add("modele", "Modèle inconnu : harcelement, locaux ou secretariat.");
        }

        // The harassment model is confidential by rule, not by the builder's choice.
        var confidentiel = requete.Confidentiel || requete.Modele == ReglesSignalement.Harcelement;
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var description = requete.Description?.Trim() ?? string.Empty;
        erreurs.Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(description.Length <= 2000, "description", "La présentation compte 2 000 caractères au plus.");
        var champs = ReglesSignalement.ValiderChamps(requete.Champs, erreurs);
        var destinataires = ReglesSignalement.ValiderDestinataires(requete.Destinataires, confidentiel, erreurs);
        if (erreurs.Any || champs is null)
        {
            return erreurs.ToProblem();
        }

        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id, etablissementId = etablissement.Id, modele = requete.Modele, titre, description, champs = JsonSerializer.Serialize(champs, ReglesSignalement.Json),
            destinataires, confidentiel, moi, maintenant = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return TypedResults.Created($"/api/communication/etablissements/{etablissement.Uai}/signalements/formulaires",
            new ListerFormulairesSignalementEndpoint.FormulaireSignalement(id, requete.Modele, titre, description, champs, destinataires, confidentiel, true, 0));
    }
}
