using Ent.Communication.Notifications;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Preferences;

/// <summary>A person's channels for attendance notifications (absences, lateness, justifications).</summary>
/// <param name="Sms">By SMS to the mobile number of the account.</param>
/// <param name="Courriel">By e-mail to the account's address.</param>
/// <param name="Application">In the application (notifications on the home page).</param>
internal sealed record PreferencesNotification(bool Sms, bool Courriel, bool Application);

/// <summary>GET /api/communication/me/preferences-notifications — how I am told (SMS and in-app until I choose).</summary>
internal static class ObtenirPreferencesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/preferences-notifications", Handle)
        .WithName("ObtenirMesPreferencesNotification")
        .WithSummary("Mes moyens d'être prévenu des absences et retards : SMS, courriel, application.");

    private static async Task<Results<Ok<PreferencesNotification>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var p = (await CanauxFamille.PreferencesAsync(conn, null, [personneId], ct)).GetValueOrDefault(personneId, CanauxFamille.Preference.ParDefaut);
        return TypedResults.Ok(new PreferencesNotification(p.Sms, p.Courriel, p.Application));
    }
}
