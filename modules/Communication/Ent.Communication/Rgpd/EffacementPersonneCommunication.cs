using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Npgsql;

namespace Ent.Communication.Rgpd;

/// <summary>
/// A person's data is erased (Identité, three months after their right to an account ended): what Communication keeps
/// about them alone goes in the same transaction — their notification, messaging and push preferences, their push
/// subscriptions (issue 19), their drafts. The
/// drafts' attachments, then named by nothing, go with the daily purge of attachments never sent
/// (<see cref="Conversations.PurgePiecesJointesMessagerie"/>): files are deleted after a commit, which a handler does
/// not see. Their messages stay with their conversations (others' records too) until those go at their school year.
/// </summary>
internal sealed class EffacementPersonneCommunication : IGestionnaireEvenement<PersonneEffacee>
{
    private const string Sql = """
        DELETE FROM communication.preference_notification WHERE personne_id = @personneId;
        DELETE FROM communication.preference_messagerie WHERE personne_id = @personneId;
        DELETE FROM communication.preference_push WHERE personne_id = @personneId;
        DELETE FROM communication.abonnement_push WHERE personne_id = @personneId;
        DELETE FROM communication.brouillon WHERE auteur_id = @personneId;
        """;

    public Task TraiterAsync(PersonneEffacee evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        return connexion.ExecuteAsync(new CommandDefinition(Sql, new { personneId = evenement.PersonneId }, transaction, cancellationToken: ct));
    }
}
