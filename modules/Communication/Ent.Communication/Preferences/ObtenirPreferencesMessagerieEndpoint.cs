using Dapper;
using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Preferences;

/// <summary>How I am told of new messages: always in the application; an e-mail digest if I asked; never by SMS.</summary>
/// <param name="ResumeCourriel">A daily e-mail listing my conversations with unread messages.</param>
/// <param name="CourrielConnu">My account has an e-mail address (the digest needs one).</param>
/// <param name="HeureResume">The digest's hour, Paris time (18 for 18:00).</param>
internal sealed record PreferencesMessagerie(bool ResumeCourriel, bool CourrielConnu, int HeureResume);

/// <summary>GET /api/communication/me/preferences-messagerie — my choice for new messages (no digest until I ask).</summary>
internal static class ObtenirPreferencesMessagerieEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/preferences-messagerie", Handle)
        .WithName("ObtenirMesPreferencesMessagerie")
        .WithSummary("Comment je suis prévenu des nouveaux messages : application toujours, résumé quotidien par courriel si je le demande.");

    internal const string Sql = "SELECT resume_courriel FROM communication.preference_messagerie WHERE personne_id = @personneId";

    private static async Task<Results<Ok<PreferencesMessagerie>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IAnnuaire annuaire,
        NpgsqlDataSource db, IOptions<MessagerieOptions> options, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var resume = await conn.ExecuteScalarAsync<bool?>(new CommandDefinition(Sql, new { personneId }, cancellationToken: ct)) ?? false;
        var courriel = (await annuaire.ListerCourrielsAsync([personneId], ct)).Count > 0;
        return TypedResults.Ok(new PreferencesMessagerie(resume, courriel, options.Value.HeureResume));
    }
}
