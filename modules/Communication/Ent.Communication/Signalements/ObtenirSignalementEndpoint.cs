using System.Security.Claims;
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
/// GET /api/communication/signalements/{id} — one report: its answers, files, state and the exchange with the
/// receivers. For who filed it and its receivers; anyone else gets 404 (a teacher never reads a confidential report:
/// no teacher is a receiver). Every read is in the access log, under the pupil concerned.
/// </summary>
internal static class ObtenirSignalementEndpoint
{
    /// <summary>A message of the exchange, or a change of state.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Auteur">« Prénom Nom » of who wrote it.</param>
    /// <param name="DuDeposant">Written by who filed the report.</param>
    /// <param name="Texte">The text, if any (plain text).</param>
    /// <param name="Etat">The state it moved the report to, if it did.</param>
    /// <param name="EnvoyeLe">When (UTC).</param>
    internal sealed record MessageSignalement(Guid Id, string Auteur, bool DuDeposant, string? Texte, string? Etat, DateTimeOffset EnvoyeLe);

    /// <summary>A report as its submitter and its receivers read it.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">The form's title.</param>
    /// <param name="Confidentiel">Direction and CPE only; every read logged.</param>
    /// <param name="Etat">recu, en_cours, repondu or clos.</param>
    /// <param name="EtatLibelle">The state in words.</param>
    /// <param name="Etablissement">The établissement's name.</param>
    /// <param name="Eleve">« Prénom Nom » of the pupil concerned.</param>
    /// <param name="DeposePar">« Prénom Nom » of who filed it.</param>
    /// <param name="Profil">eleve or responsable: who filed it.</param>
    /// <param name="DeposeLe">When it was filed (UTC).</param>
    /// <param name="Reponses">The answers, each with its question.</param>
    /// <param name="Messages">The exchange, oldest first.</param>
    /// <param name="Destinataire">I am one of its receivers (I may handle it).</param>
    /// <param name="EtatsPossibles">States I may move it to (receivers only).</param>
    /// <param name="PeutEcrire">I may write (it is not closed).</param>
    internal sealed record SignalementDetail(Guid Id, string Titre, bool Confidentiel, string Etat, string EtatLibelle, string Etablissement, string Eleve,
        string DeposePar, string Profil, DateTimeOffset DeposeLe, ReponseSignalement[] Reponses, MessageSignalement[] Messages, bool Destinataire,
        string[] EtatsPossibles, bool PeutEcrire);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/signalements/{id:guid}", Handle)
        .WithName("ObtenirSignalement")
        .WithSummary("Un signalement : réponses, état et échanges (son auteur, ses destinataires).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Ligne(Guid Id, Guid AuteurId, string? Texte, string? Etat, DateTimeOffset EnvoyeLe);

    private const string MessagesSql = """
        SELECT id, auteur_id, texte, etat, envoye_le FROM communication.dossier_signalement_message
        WHERE dossier_id = @id ORDER BY envoye_le, id
        """;

    private static async Task<Results<Ok<SignalementDetail>, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        AccesSignalements acces, IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var dossier = await Dossiers.ChargerAsync(conn, id, ct);
        var role = dossier is null ? null : await Dossiers.RoleAsync(acces, moi, dossier, ct);
        if (dossier is null || role is null)
        {
            return Problemes.Introuvable(Dossiers.Introuvable);
        }

        var messages = (await conn.QueryAsync<Ligne>(new CommandDefinition(MessagesSql, new { id }, cancellationToken: ct))).AsList();
        var personnes = (await annuaire.TrouverPersonnesAsync([.. messages.Select(m => m.AuteurId).Append(dossier.DeposePar).Append(dossier.EleveId).Distinct()], ct))
            .ToDictionary(p => p.Id);
        var etablissement = await annuaire.TrouverEtablissementAsync(dossier.EtablissementId, ct);

        await journal.NoterAsync(new AccesDonnees(moi, http.User.FindFirstValue("client_id"), dossier.EleveId, Domaine.VieScolaire, ActionAcces.Lecture,
            ReglesSignalement.Operation("ObtenirSignalement", dossier), http.Connection.RemoteIpAddress, dossier.EtablissementId), ct);

        var destinataire = role == RoleDossier.Destinataire;
        return TypedResults.Ok(new SignalementDetail(dossier.Id, dossier.Titre, dossier.Confidentiel, dossier.Etat, ReglesSignalement.LibelleEtat(dossier.Etat),
            etablissement?.Nom ?? "?", ReglesSignalement.Nom(personnes.GetValueOrDefault(dossier.EleveId)), ReglesSignalement.Nom(personnes.GetValueOrDefault(dossier.DeposePar)),
            dossier.Profil, dossier.DeposeLe, JsonSerializer.Deserialize<ReponseSignalement[]>(dossier.Reponses, ReglesSignalement.Json) ?? [],
            [.. messages.Select(m => new MessageSignalement(m.Id, ReglesSignalement.Nom(personnes.GetValueOrDefault(m.AuteurId)), m.AuteurId == dossier.DeposePar,
                m.Texte, m.Etat, m.EnvoyeLe))],
            destinataire, destinataire ? Dossiers.EtatsPossibles(dossier.Etat) : [], dossier.Etat != "clos"));
    }
}
