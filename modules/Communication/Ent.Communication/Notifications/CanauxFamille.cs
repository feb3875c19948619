using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// Turns "tell this pupil's family" into outbox messages: each guardian who receives notifications about the pupil,
/// on each channel they chose (no choice saved: SMS and in-app), when they have the address that channel needs.
/// </summary>
internal static class CanauxFamille
{
    /// <summary>
    /// A guardian's choice of channels (communication.preference_notification); <paramref name="Push"/>: push chosen for
    /// this kind in communication.preference_push and a device subscribed (see <see cref="Push.DestinatairesPush"/>).
    /// </summary>
    internal sealed record Preference(bool Sms, bool Courriel, bool Application, bool Push = false)
    {
        public static readonly Preference ParDefaut = new(Sms: true, Courriel: false, Application: true);
    }

    private const string PreferencesSql = """
        SELECT personne_id, sms, courriel, application FROM communication.preference_notification WHERE personne_id = ANY(@ids)
        """;

    public static async Task<Dictionary<Guid, Preference>> PreferencesAsync(
        NpgsqlConnection connexion, NpgsqlTransaction? transaction, IEnumerable<Guid> personnes, CancellationToken ct)
    {
        var rows = await connexion.QueryAsync<(Guid PersonneId, bool Sms, bool Courriel, bool Application)>(
            new CommandDefinition(PreferencesSql, new { ids = personnes.Distinct().ToArray() }, transaction, cancellationToken: ct));
        return rows.ToDictionary(r => r.PersonneId, r => new Preference(r.Sms, r.Courriel, r.Application));
    }

    /// <summary>
    /// One message per channel for a guardian. <paramref name="cle"/> is the event's key: the channel is appended, so each
    /// (event, guardian, channel) is queued once whatever the retries.
    /// </summary>
    public static IEnumerable<MessageSortant> Messages(ContactFamille contact, Preference preference, string cle, string sujet, string texteCourt,
        string texteLong, Guid etablissementId, string categorie, string lien)
    {
        if (preference.Sms && contact.Mobile is { Length: > 0 } mobile)
        {
            yield return new MessageSortant(Canal.Sms, mobile, contact.ResponsableId, sujet, texteCourt, $"{cle}:sms",
                contact.EleveId, etablissementId, categorie, lien);
        }

        if (preference.Courriel && contact.Courriel is { Length: > 0 } courriel)
        {
            yield return new MessageSortant(Canal.Courriel, courriel, contact.ResponsableId, sujet, texteLong, $"{cle}:courriel",
                contact.EleveId, etablissementId, categorie, lien);
        }

        if (preference.Application)
        {
            yield return new MessageSortant(Canal.Application, null, contact.ResponsableId, sujet, texteLong, $"{cle}:application",
                contact.EleveId, etablissementId, categorie, lien);
        }

        if (preference.Push)
        {
            yield return new MessageSortant(Canal.Push, null, contact.ResponsableId, sujet, Push.DestinatairesPush.Court(texteLong), $"{cle}:push",
                contact.EleveId, etablissementId, categorie, lien);
        }
    }
}
