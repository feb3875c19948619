using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Preferences;

/// <summary>
/// PUT /api/communication/me/preferences-notifications — I choose how I am told of my children's absences and lateness.
/// At least one channel: an absence must reach the family.
/// </summary>
internal static class ModifierPreferencesEndpoint
{
    /// <summary>The channels wanted.</summary>
    internal sealed record SaisiePreferences(bool? Sms, bool? Courriel, bool? Application);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/preferences-notifications", Handle)
        .WithName("ModifierMesPreferencesNotification")
        .WithSummary("Choisit mes moyens d'être prévenu des absences et retards (au moins un).");

    private const string Sql = """
        INSERT INTO communication.preference_notification (personne_id, sms, courriel, application, modifie_le)
        VALUES (@personneId, @sms, @courriel, @application, @maintenant)
        ON CONFLICT (personne_id) DO UPDATE
        SET sms = excluded.sms, courriel = excluded.courriel, application = excluded.application, modifie_le = excluded.modifie_le
        """;

    private static async Task<Results<Ok<PreferencesNotification>, ValidationProblem, ProblemHttpResult>> Handle(
        SaisiePreferences saisie, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        if (saisie.Sms is null || saisie.Courriel is null || saisie.Application is null)
        {
            erreurs.Add("preferences", "Indiquez sms, courriel et application (vrai ou faux).");
        }
        else if (saisie is { Sms: false, Courriel: false, Application: false })
        {
            erreurs.Add("preferences", "Choisissez au moins un moyen d'être prévenu : une absence doit pouvoir vous parvenir.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            personneId, sms = saisie.Sms!.Value, courriel = saisie.Courriel!.Value, application = saisie.Application!.Value, maintenant = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return TypedResults.Ok(new PreferencesNotification(saisie.Sms.Value, saisie.Courriel.Value, saisie.Application.Value));
    }
}
