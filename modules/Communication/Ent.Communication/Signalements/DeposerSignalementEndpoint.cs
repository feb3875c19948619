using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// POST /api/communication/me/signalements — a pupil (about themselves) or a legal guardian (about their child) files a
/// report with one of the établissement's active forms. The report, its files and the receivers' notifications are
/// written in one transaction. A form of an établissement where one has no such pupil, or another family's child: 404.
/// </summary>
internal static class DeposerSignalementEndpoint
{
    /// <summary>A report to file.</summary>
    /// <param name="FormulaireId">The form.</param>
    /// <param name="EleveId">The pupil it is about: for a guardian, their child (needed when they have several there); a pupil: themselves.</param>
    /// <param name="Reponses">The answers, by field key.</param>
    internal sealed record NouveauSignalement(Guid FormulaireId, Guid? EleveId, [property: MaxLength(20)] ReponseSaisie[]? Reponses);

    /// <summary>The report filed.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Etat">Its state: recu.</param>
    internal sealed record SignalementDepose(Guid Id, string Etat);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/signalements", Handle)
        .WithName("DeposerSignalement")
        .WithSummary("Dépose un signalement avec un formulaire de l'établissement (élève, responsable légal).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed class Formulaire
    {
        public Guid Id { get; init; }
        public Guid EtablissementId { get; init; }
        public string Titre { get; init; } = string.Empty;
        public string Champs { get; init; } = "[]";
        public string[] Destinataires { get; init; } = [];
        public bool Confidentiel { get; init; }
    }

    private const string FormulaireSql = """
        SELECT id, etablissement_id, titre, champs::text AS champs, destinataires, confidentiel
        FROM communication.formulaire_signalement WHERE id = @id AND actif
        """;

    private const string FichiersSql = """
        SELECT id, nom_original FROM communication.signalement_piece_jointe
        WHERE id = ANY(@fichiers) AND depose_par = @moi AND dossier_id IS NULL
        """;

    private const string InsertSql = """
        INSERT INTO communication.dossier_signalement
            (id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires, confidentiel, reponses, etat, depose_le, modifie_le)
        VALUES (@id, @formulaireId, @etablissementId, @eleveId, @moi, @profil, @titre, @destinataires, @confidentiel, @reponses::jsonb, 'recu', @maintenant, @maintenant);
        INSERT INTO communication.dossier_signalement_message (id, dossier_id, auteur_id, texte, etat, envoye_le)
        VALUES (@messageId, @id, @moi, NULL, 'recu', @maintenant);
        """;

    // Attached under a lock: a file attached twice at the same moment lands in one report only.
    private const string AttacherSql = """
        UPDATE communication.signalement_piece_jointe SET dossier_id = @id
        WHERE id = ANY(@fichiers) AND depose_par = @moi AND dossier_id IS NULL
        """;

    private static async Task<Results<Created<SignalementDepose>, ValidationProblem, ProblemHttpResult>> Handle(NouveauSignalement requete,
        HttpContext http, ICurrentUser utilisateur, AccesSignalements acces, IRattachements rattachements, IMessagerie messagerie, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var formulaire = await conn.QuerySingleOrDefaultAsync<Formulaire>(new CommandDefinition(FormulaireSql, new { id = requete.FormulaireId }, cancellationToken: ct));
        var eleves = formulaire is null ? [] : (await acces.ElevesAsync(moi, ct)).Where(e => e.EtablissementId == formulaire.EtablissementId).ToList();
        if (formulaire is null || eleves.Count == 0)
        {
            return Problemes.Introuvable("Aucun formulaire de signalement ne vous est proposé à cette adresse.");
        }

        AccesSignalements.EleveConcerne? eleve;
        if (requete.EleveId is { } eleveId)
        {
            // Another family's child, or a pupil of another établissement, is « unknown ».
            eleve = eleves.FirstOrDefault(e => e.EleveId == eleveId);
            if (eleve is null)
            {
                return Problemes.Introuvable("Aucun de vos enfants dans cet établissement ne correspond à cet élève.");
            }
        }
        else if (eleves.Count == 1)
        {
            eleve = eleves[0];
        }
        else
        {
            return new Erreurs().Add("eleveId", "Choisissez l'enfant que ce signalement concerne.").ToProblem();
        }

        var champs = JsonSerializer.Deserialize<ChampSignalement[]>(formulaire.Champs, ReglesSignalement.Json) ?? [];
        var erreurs = new Erreurs();
        var reponses = ReglesSignalement.ValiderReponses(champs, requete.Reponses, erreurs, out var fichiers);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var noms = (await conn.QueryAsync<(Guid Id, string Nom)>(new CommandDefinition(FichiersSql, new { fichiers = fichiers.ToArray(), moi }, cancellationToken: ct)))
            .ToDictionary(f => f.Id, f => f.Nom);
        foreach (var r in reponses.Where(r => r.Type == ReglesSignalement.Fichier && r.Valeur is not null && !noms.ContainsKey(Guid.Parse(r.Valeur))))
        {
            erreurs.Add($"reponses.{r.Champ}", $"« {r.Libelle} » : ce fichier n'est plus disponible, joignez-le à nouveau.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        reponses = [.. reponses.Select(r => r.Type == ReglesSignalement.Fichier && r.Valeur is not null ? r with { Fichier = noms[Guid.Parse(r.Valeur)] } : r)];
        var receveurs = (await rattachements.PersonnesAsync(formulaire.EtablissementId, [Profils.Personnel], ct))
            .Where(p => p.Fonction is { } f && AccesSignalements.EstDestinataire(new HashSet<string> { f }, formulaire.Destinataires, formulaire.Confidentiel))
            .Select(p => p.Id).Where(p => p != moi).ToList();

        var id = Guid.CreateVersion7();
        var maintenant = clock.GetUtcNow();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            id, formulaireId = formulaire.Id, etablissementId = formulaire.EtablissementId, eleveId = eleve.EleveId, moi, profil = eleve.Profil,
            titre = formulaire.Titre, destinataires = formulaire.Destinataires, confidentiel = formulaire.Confidentiel,
            reponses = JsonSerializer.Serialize(reponses, ReglesSignalement.Json), maintenant, messageId = Guid.CreateVersion7(),
        }, tx, cancellationToken: ct));
        var distincts = fichiers.Distinct().ToArray();
        if (distincts.Length > 0 && await conn.ExecuteAsync(new CommandDefinition(AttacherSql, new { id, fichiers = distincts, moi }, tx, cancellationToken: ct)) != distincts.Length)
        {
            await tx.RollbackAsync(ct);
            return new Erreurs().Add("reponses", "Un fichier vient d'être joint à un autre signalement : joignez-le à nouveau.").ToProblem();
        }

        var (sujet, texte) = formulaire.Confidentiel
            ? ("Nouveau signalement confidentiel", "Un signalement confidentiel vient d'être déposé. Lisez-le dans l'ENT.")
            : ($"Nouveau signalement : {formulaire.Titre}", $"Un signalement « {formulaire.Titre} » vient d'être déposé.");
        await ReglesSignalement.NotifierAsync(messagerie, receveurs, $"signalement-depot:{id}", sujet, texte, id, formulaire.EtablissementId, conn, tx, ct);
        await journal.NoterAsync(new AccesDonnees(moi, http.User.FindFirstValue("client_id"), eleve.EleveId, Domaine.VieScolaire, ActionAcces.Modification,
            ReglesSignalement.Operation("DeposerSignalement", formulaire.Confidentiel, eleve.EleveId, moi), http.Connection.RemoteIpAddress,
            formulaire.EtablissementId), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/communication/signalements/{id}", new SignalementDepose(id, "recu"));
    }
}
