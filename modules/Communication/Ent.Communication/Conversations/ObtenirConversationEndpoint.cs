using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// GET /api/communication/me/conversations/{id} — a conversation I take part in: its messages, attachments, who read
/// my messages, and whether I may answer (and why not). Anyone outside the conversation gets 404.
/// </summary>
internal static class ObtenirConversationEndpoint
{
    /// <summary>A participant.</summary>
    /// <param name="Id">The person.</param>
    /// <param name="Nom">« Prénom Nom ».</param>
    /// <param name="Moi">True for the caller.</param>
    internal sealed record ParticipantConversation(Guid Id, string Nom, bool Moi);

    /// <summary>An attached file.</summary>
    /// <param name="Id">Its id (download: /api/communication/messagerie/pieces-jointes/{id}).</param>
    /// <param name="Nom">File name.</param>
    /// <param name="TypeContenu">Its type, read from its content.</param>
    /// <param name="Taille">Bytes.</param>
    internal sealed record PieceJointeMessage(Guid Id, string Nom, string TypeContenu, int Taille);

    /// <summary>A message.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="AuteurId">Its author.</param>
    /// <param name="Auteur">The author's name.</param>
    /// <param name="DeMoi">True for my own messages.</param>
    /// <param name="Texte">Plain text, to show as text (links may be made clickable).</param>
    /// <param name="EnvoyeLe">When (UTC).</param>
    /// <param name="PiecesJointes">Its files.</param>
    /// <param name="LuPar">For my messages: the recipients who read it.</param>
    internal sealed record MessageConversation(
        Guid Id, Guid AuteurId, string Auteur, bool DeMoi, [property: System.ComponentModel.DataAnnotations.MaxLength(5000)] string Texte,
        DateTime EnvoyeLe, PieceJointeMessage[] PiecesJointes, string[] LuPar);

    /// <summary>A conversation.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Sujet">Subject.</param>
    /// <param name="Etablissement">The établissement it belongs to.</param>
    /// <param name="Archivee">In my archives.</param>
    /// <param name="Participants">Everyone in it.</param>
    /// <param name="Messages">Oldest first.</param>
    /// <param name="PeutRepondre">True when I may answer now.</param>
    /// <param name="Raison">Why I may not answer (my messaging suspended or blocked), in French.</param>
    internal sealed record Conversation(
        Guid Id, string Sujet, string Etablissement, bool Archivee, ParticipantConversation[] Participants, MessageConversation[] Messages, bool PeutRepondre,
        [property: System.ComponentModel.DataAnnotations.MaxLength(4000)] string? Raison);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/conversations/{id:guid}", Handle)
        .WithName("ObtenirConversation")
        .WithSummary("Une conversation dont je fais partie : ses messages, ses pièces jointes, qui a lu.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Entete(Guid Id, string Sujet, Guid EtablissementId, bool Archivee);

    private sealed record Lecteur(Guid PersonneId, DateTime? LuJusqua);

    private sealed record LigneMessage(Guid Id, Guid AuteurId, string Texte, DateTime EnvoyeLe);

    private sealed record LignePiece(Guid MessageId, Guid Id, string Nom, string TypeContenu, int Taille);

    private const string Sql = """
        SELECT c.id, c.sujet, c.etablissement_id, p.archivee
        FROM communication.participant p JOIN communication.conversation c ON c.id = p.conversation_id
        WHERE p.conversation_id = @id AND p.personne_id = @personneId;
        SELECT personne_id, lu_jusqua FROM communication.participant WHERE conversation_id = @id ORDER BY personne_id;
        SELECT id, auteur_id, texte, envoye_le FROM communication.message WHERE conversation_id = @id ORDER BY envoye_le, id;
        SELECT mp.message_id, pj.id, pj.nom_original AS nom, pj.type_contenu, pj.taille
        FROM communication.message m
        JOIN communication.message_piece_jointe mp ON mp.message_id = m.id
        JOIN communication.piece_jointe pj ON pj.id = mp.piece_jointe_id
        WHERE m.conversation_id = @id ORDER BY pj.nom_original, pj.id;
        """;

    private static async Task<Results<Ok<Conversation>, ProblemHttpResult>> Handle(
        Guid id, ICurrentUser utilisateur, IAnnuaire annuaire, ReglesMessagerie regles, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { id, personneId }, cancellationToken: ct));
        var entete = await lecture.ReadSingleOrDefaultAsync<Entete>();
        if (entete is null)
        {
            return Problemes.Introuvable("Aucune de vos conversations ne correspond à cette adresse.");
        }

        var lecteurs = (await lecture.ReadAsync<Lecteur>()).AsList();
        var messages = (await lecture.ReadAsync<LigneMessage>()).AsList();
        var pieces = (await lecture.ReadAsync<LignePiece>()).ToLookup(p => p.MessageId);

        var noms = (await annuaire.TrouverPersonnesAsync([.. lecteurs.Select(l => l.PersonneId).Union(messages.Select(m => m.AuteurId))], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        string Nom(Guid p) => noms.GetValueOrDefault(p, "Ancien membre");
        var etat = (await regles.EtatsAsync(personneId, avecDestinataires: false, ct)).FirstOrDefault(e => e.EtablissementId == entete.EtablissementId);
        var etablissement = etat?.Etablissement ?? (await annuaire.TrouverEtablissementAsync(entete.EtablissementId, ct))?.Nom ?? string.Empty;
        var raison = etat is null ? "Vous ne faites plus partie de cet établissement : vous ne pouvez plus y répondre." : etat.Raison;

        return TypedResults.Ok(new Conversation(entete.Id, entete.Sujet, etablissement, entete.Archivee,
            [.. lecteurs.Select(l => new ParticipantConversation(l.PersonneId, Nom(l.PersonneId), l.PersonneId == personneId))],
            [.. messages.Select(m => new MessageConversation(m.Id, m.AuteurId, Nom(m.AuteurId), m.AuteurId == personneId, m.Texte, m.EnvoyeLe,
                [.. pieces[m.Id].Select(p => new PieceJointeMessage(p.Id, p.Nom, p.TypeContenu, p.Taille))],
                m.AuteurId == personneId
                    ? [.. lecteurs.Where(l => l.PersonneId != personneId && l.LuJusqua >= m.EnvoyeLe).Select(l => Nom(l.PersonneId))]
                    : []))],
            raison is null, raison));
    }
}
