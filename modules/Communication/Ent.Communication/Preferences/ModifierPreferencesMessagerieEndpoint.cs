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

/// <summary>
/// PUT /api/communication/me/preferences-messagerie — I ask for (or stop) the daily e-mail digest of my unread messages.
/// SMS is never a channel for messages (issue 16): asking for it is refused with a 400 that says so, rather than
/// ignored. The digest needs an e-mail address on my account.
/// </summary>
internal static class ModifierPreferencesMessagerieEndpoint
{
    /// <summary>My choice.</summary>
    /// <param name="ResumeCourriel">The daily e-mail digest, yes or no.</param>
    /// <param name="Sms">Never true: messages are not sent by SMS (present so that a client asking gets a clear refusal).</param>
    internal sealed record SaisiePreferencesMessagerie(bool? ResumeCourriel, bool? Sms);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/preferences-messagerie", Handle)
        .WithName("ModifierMesPreferencesMessagerie")
        .WithSummary("Demande ou arrête le résumé quotidien par courriel de mes messages non lus (jamais de SMS pour les messages).");

    private const string Sql = """
        INSERT INTO communication.preference_messagerie (personne_id, resume_courriel, modifie_le)
        VALUES (@personneId, @resume, @maintenant)
        ON CONFLICT (personne_id) DO UPDATE SET resume_courriel = excluded.resume_courriel, modifie_le = excluded.modifie_le
        """;

    private static async Task<Results<Ok<PreferencesMessagerie>, ValidationProblem, ProblemHttpResult>> Handle(
        SaisiePreferencesMessagerie saisie, ICurrentUser utilisateur, IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock,
        IOptions<MessagerieOptions> options, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        if (saisie.Sms == true)
        {
            erreurs.Add("sms", "Les messages ne sont jamais envoyés par SMS : ils arrivent dans l'application, et, si vous le souhaitez, " +
                               "dans un résumé quotidien par courriel.");
        }

        if (saisie.ResumeCourriel is null)
        {
            erreurs.Add("resumeCourriel", "Indiquez si vous souhaitez le résumé par courriel (vrai ou faux).");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var courriel = (await annuaire.ListerCourrielsAsync([personneId], ct)).Count > 0;
        if (saisie.ResumeCourriel == true && !courriel)
        {
            return erreurs.Add("resumeCourriel", "Ajoutez d'abord une adresse électronique à votre compte (rubrique « Coordonnées ») : " +
                                                 "le résumé y est envoyé.").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { personneId, resume = saisie.ResumeCourriel!.Value, maintenant = clock.GetUtcNow() },
            cancellationToken: ct));
        return TypedResults.Ok(new PreferencesMessagerie(saisie.ResumeCourriel.Value, courriel, options.Value.HeureResume));
    }
}
