using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// POST /api/communication/elections/{id}/vote — an elector votes for a list, once. One transaction writes two things
/// nothing links: the émargement (this elector has voted, and when) and the ballot (the list and the hash of a receipt
/// drawn now; no elector, no time, a random key). The receipt goes back to the elector alone: with it they can check
/// that their ballot is in the urn. A second vote, even 50 at once, is a 409 (the émargement's primary key decides).
/// The access log records « a voté », never the choice; no log line names the list.
/// </summary>
internal static class VoterEndpoint
{
    /// <summary>The ballot: the chosen list.</summary>
    internal sealed record BulletinVote(Guid? ListeId);

    /// <summary>« A voté »: when, and the receipt (shown once, kept nowhere with the elector).</summary>
    internal sealed record AVote(DateTimeOffset AVoteLe, string Recu);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/elections/{id:guid}/vote", Handle)
        .WithName("VoterElection")
        .WithSummary("Vote pour une liste (une fois) : « a voté », avec un reçu pour vérifier que le bulletin est dans l'urne.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        WITH election AS (
            -- Shared lock: the sealing at closing (FOR UPDATE) waits for the votes under way, and no vote follows it.
            SELECT id FROM communication.election
            WHERE id = @id AND ouverture <= @maintenant AND cloture > @maintenant AND scellee_le IS NULL FOR SHARE),
        emargement AS (
            INSERT INTO communication.election_emargement (election_id, personne_id, vote_le)
            SELECT @id, @moi, @maintenant FROM election
            ON CONFLICT (election_id, personne_id) DO NOTHING
            RETURNING 1)
        INSERT INTO communication.election_urne (cle, election_id, liste_id, empreinte_recu)
        SELECT gen_random_uuid(), @id, @listeId, @empreinte FROM emargement
        RETURNING 1
        """;

    private static async Task<Results<Created<AVote>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, BulletinVote bulletin, HttpContext http,
        ICurrentUser utilisateur, Scrutins scrutins, IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await scrutins.OuvrirAsync(id, moi, ct) is not (var election, var regard))
        {
            return Problemes.Introuvable(Scrutins.Introuvable(id));
        }

        var maintenant = clock.GetUtcNow();
        if (election.Etat(maintenant) != "ouverte")
        {
            return Problemes.Conflit(maintenant < election.Ouverture
                ? $"Le scrutin n'est pas encore ouvert : il ouvre le {Paris(election.Ouverture)}."
                : "Le scrutin est clos : il n'est plus possible de voter.");
        }

        if (!regard.Electeur)
        {
            return Scrutins.Refus("Vous ne figurez pas sur la liste électorale de cette élection, arrêtée à l'ouverture du scrutin.", "non-electeur");
        }

        if (regard.AVoteLe is { } dejaLe)
        {
            return DejaVote(dejaLe);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var listeValide = bulletin.ListeId is { } listeId && await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM communication.election_liste WHERE id = @listeId AND election_id = @id)", new { listeId, id }, cancellationToken: ct));
        if (!listeValide)
        {
            return new Erreurs().Add("listeId", "Choisissez une des listes de cette élection.").ToProblem();
        }

        var recu = Scrutins.NouveauRecu();
        int ecrits;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            ecrits = await conn.ExecuteAsync(new CommandDefinition(Sql,
                new { id, moi, maintenant, listeId = bulletin.ListeId, empreinte = Scrutins.Empreinte(id, recu) }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        if (ecrits == 0)
        {
            // Another attempt got there first (or the election closed meanwhile): the émargement says which.
            var le = await conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
                "SELECT vote_le FROM communication.election_emargement WHERE election_id = @id AND personne_id = @moi", new { id, moi }, cancellationToken: ct));
            return le is { } vote ? DejaVote(vote) : Problemes.Conflit("Le scrutin est clos : il n'est plus possible de voter.");
        }

        // « A voté » in the access log, under the elector's children in the établissement (the log is kept per pupil):
        // its own transaction, its own time; the choice is nowhere in it.
        var enfants = new List<Guid>();
        foreach (var enfant in await annuaire.ListerEnfantsAsync(moi, ct))
        {
            if ((await annuaire.TrouverEtablissementEleveAsync(enfant.Id, ct))?.Id == election.EtablissementId)
            {
                enfants.Add(enfant.Id);
            }
        }

        await journal.NoterAsync(http, utilisateur, enfants, Domaine.Identite, ActionAcces.Modification, "VoterElection", ct);
        return TypedResults.Created($"/api/communication/elections/{id}", new AVote(maintenant, recu));
    }

    private static ProblemHttpResult DejaVote(DateTimeOffset le) =>
        TypedResults.Problem($"Vous avez déjà voté à cette élection (le {Paris(le)}) : on ne vote qu'une fois.", statusCode: StatusCodes.Status409Conflict,
            title: "Conflit avec l'état actuel", type: "urn:ent:probleme:deja-vote");

    internal static string Paris(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"))
            .ToString("dd/MM/yyyy 'à' HH'h'mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
