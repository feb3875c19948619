using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// POST /api/communication/me/conversations — I write a new message to people and groups the rules let me write to
/// (the picker's). A recipient the rules do not allow gets 404, as an unknown one: nobody learns who exists. A message
/// to several pupils or families is one conversation per recipient (no family sees another's answer); otherwise one
/// conversation for all. Refused when my messaging is suspended or blocked (403, with the reason), beyond my hourly
/// sendings (429), beyond a class's worth of recipients without a staff profile (400).
/// </summary>
internal static class EnvoyerMessageEndpoint
{
    /// <summary>A new message.</summary>
    /// <param name="Destinataires">People, by id (from the picker).</param>
    /// <param name="Groupes">Groups, by id (from the picker): a class's pupils or families.</param>
    /// <param name="Sujet">Subject.</param>
    /// <param name="Texte">Plain text (links become clickable; HTML is shown as text).</param>
    /// <param name="PiecesJointes">Attachments uploaded beforehand, by id.</param>
    /// <param name="BrouillonId">The draft this message comes from: deleted once sent.</param>
    internal sealed record NouveauMessage(
        Guid[]? Destinataires, string[]? Groupes, [property: MaxLength(200)] string? Sujet, [property: MaxLength(5000)] string? Texte,
        [property: MaxLength(Envois.PiecesJointesMax)] Guid[]? PiecesJointes, Guid? BrouillonId);

    /// <summary>The conversations created (one, or one per pupil or family written to).</summary>
    internal sealed record MessageEnvoye(Guid[] Conversations);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/conversations", Handle)
        .WithName("EnvoyerMessage")
        .WithSummary("Écrit un nouveau message aux personnes ou groupes que les règles de l'établissement permettent.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private const string ConversationSql = """
        INSERT INTO communication.conversation (id, etablissement_id, sujet, cree_par, cree_le, dernier_message_le)
        SELECT unnest(@ids), @etablissementId, @sujet, @auteurId, @maintenant, @maintenant;
        INSERT INTO communication.participant (conversation_id, personne_id)
        SELECT c, p FROM unnest(@participantsConversations, @participants) AS x(c, p);
        DELETE FROM communication.brouillon WHERE id = @brouillonId AND auteur_id = @auteurId;
        """;

    private static async Task<Results<Created<MessageEnvoye>, ValidationProblem, ProblemHttpResult>> Handle(
        NouveauMessage saisie, ICurrentUser utilisateur, ReglesMessagerie regles, IAnnuaire annuaire, IMessagerie messagerie,
        Push.DestinatairesPush push, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var sujet = saisie.Sujet?.Trim();
        if (string.IsNullOrEmpty(sujet))
        {
            erreurs.Add("sujet", "Indiquez le sujet du message.");
        }
        else if (sujet.Length > 200)
        {
            erreurs.Add("sujet", "Le sujet fait 200 caractères au plus.");
        }

        var texte = Envois.VerifierTexte(saisie.Texte, saisie.PiecesJointes, erreurs);
        var personnes = (saisie.Destinataires ?? []).Distinct().ToArray();
        var groupes = (saisie.Groupes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (personnes.Length == 0 && groupes.Length == 0)
        {
            erreurs.Add("destinataires", "Choisissez au moins un destinataire.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // The établissement where the rules allow every recipient; a suspended or blocked sender hears why.
        var etats = await regles.EtatsAsync(personneId, avecDestinataires: true, ct);
        var etat = etats.FirstOrDefault(e => e.Raison is null
                                             && personnes.All(e.Possibles.Personnes.ContainsKey)
                                             && groupes.All(g => e.Possibles.Groupes.Any(x => x.Id == g)));
        if (etat is null)
        {
            return etats.Where(e => e.Raison is not null).Select(e => e.Raison).FirstOrDefault() is { } raison && etats.All(e => e.Actifs.Length == 0)
                ? Envois.Suspendue(raison)
                : Problemes.Introuvable("Aucun destinataire à qui vous pouvez écrire ne correspond à votre choix.");
        }

        var destinataires = personnes
            .Concat(groupes.SelectMany(g => etat.Possibles.Groupes.Single(x => x.Id == g).Membres))
            .Distinct().ToArray();
        if (destinataires.Length > etat.DestinatairesMax)
        {
            return erreurs.Add("destinataires", $"Un message à plus de {ProfilsMessagerie.ClasseEntiere} destinataires (une classe entière) est réservé " +
                                                "au personnel de l'établissement.").ToProblem();
        }

        // Several pupils or families: each their own conversation, so that none reads another's answer.
        var familles = destinataires.Where(d => !ProfilsMessagerie.EstPersonnel(etat.Possibles.Personnes[d].Profil)).ToArray();
        IReadOnlyList<(Guid ConversationId, Guid[] Destinataires)> conversations = familles.Length >= 2
            ? [.. destinataires.Select(d => (Guid.CreateVersion7(), new[] { d }))]
            : [(Guid.CreateVersion7(), destinataires)];

        var maintenant = clock.GetUtcNow();
        var auteur = (await annuaire.TrouverPersonnesAsync([personneId], ct)).SingleOrDefault() is { } moi ? $"{moi.Prenom} {moi.Nom}" : "Ent";
        var pieces = (saisie.PiecesJointes ?? []).Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await Envois.VerifierDebitAsync(conn, tx, personneId, etat.EnvoisParHeure, maintenant, ct) is { } tropDeMessages)
        {
            return tropDeMessages;
        }

        if (!await Envois.PiecesDeLAuteurAsync(conn, tx, personneId, pieces, ct))
        {
            return Problemes.Introuvable("Une pièce jointe n'existe pas ou n'est pas la vôtre : joignez le fichier à nouveau.");
        }

        await conn.ExecuteAsync(new CommandDefinition(ConversationSql, new
        {
            ids = conversations.Select(c => c.ConversationId).ToArray(),
            etablissementId = etat.EtablissementId,
            sujet,
            auteurId = personneId,
            maintenant,
            participantsConversations = conversations.SelectMany(c => c.Destinataires.Append(personneId).Select(_ => c.ConversationId)).ToArray(),
            participants = conversations.SelectMany(c => c.Destinataires.Append(personneId)).ToArray(),
            brouillonId = saisie.BrouillonId,
        }, tx, cancellationToken: ct));
        await Envois.EcrireAsync(conn, tx, messagerie, push, etat.EtablissementId, personneId, auteur, sujet!, texte!, pieces, conversations, maintenant, ct);
        await tx.CommitAsync(ct);

        var ids = conversations.Select(c => c.ConversationId).ToArray();
        return TypedResults.Created($"/api/communication/me/conversations/{ids[0]}", new MessageEnvoye(ids));
    }
}
