using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>The kinds of notification I receive as push, on every device I subscribed (none until I choose).</summary>
/// <param name="Absences">Absences and lateness of my children (and their corrections, and decisions on justifications).</param>
/// <param name="Notes">New grades.</param>
/// <param name="Messages">New messages in my conversations.</param>
/// <param name="Annonces">Official announcements addressed to me.</param>
internal sealed record PreferencesPush(bool Absences, bool Notes, bool Messages, bool Annonces)
{
    public static readonly PreferencesPush ParDefaut = new(false, false, false, false);
}

/// <summary>GET /api/communication/me/preferences-push — which kinds I receive as push.</summary>
internal static class ObtenirPreferencesPushEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/preferences-push", Handle)
        .WithName("ObtenirMesPreferencesPush")
        .WithSummary("Les notifications que je reçois en push : absences, notes, messages, annonces.");

    private const string Sql = "SELECT absences, notes, messages, annonces FROM communication.preference_push WHERE personne_id = @personneId";

    private static async Task<Results<Ok<PreferencesPush>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.QuerySingleOrDefaultAsync<PreferencesPush>(new CommandDefinition(Sql, new { personneId }, cancellationToken: ct))
                               ?? PreferencesPush.ParDefaut);
    }
}

/// <summary>PUT /api/communication/me/preferences-push — I choose which kinds I receive as push (all four, true or false).</summary>
internal static class ModifierPreferencesPushEndpoint
{
    /// <summary>The kinds wanted as push.</summary>
    internal sealed record SaisiePreferencesPush(bool? Absences, bool? Notes, bool? Messages, bool? Annonces);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/preferences-push", Handle)
        .WithName("ModifierMesPreferencesPush")
        .WithSummary("Choisit les notifications que je reçois en push (absences, notes, messages, annonces).");

    private const string Sql = """
        INSERT INTO communication.preference_push (personne_id, absences, notes, messages, annonces, modifie_le)
        VALUES (@personneId, @absences, @notes, @messages, @annonces, @maintenant)
        ON CONFLICT (personne_id) DO UPDATE
        SET absences = excluded.absences, notes = excluded.notes, messages = excluded.messages, annonces = excluded.annonces,
            modifie_le = excluded.modifie_le
        """;

    private static async Task<Results<Ok<PreferencesPush>, ValidationProblem, ProblemHttpResult>> Handle(SaisiePreferencesPush saisie,
        ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (saisie.Absences is not { } absences || saisie.Notes is not { } notes || saisie.Messages is not { } messages
            || saisie.Annonces is not { } annonces)
        {
            return new Erreurs().Add("preferences", "Indiquez absences, notes, messages et annonces (vrai ou faux).").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { personneId, absences, notes, messages, annonces, maintenant = clock.GetUtcNow() },
            cancellationToken: ct));
        return TypedResults.Ok(new PreferencesPush(absences, notes, messages, annonces));
    }
}
