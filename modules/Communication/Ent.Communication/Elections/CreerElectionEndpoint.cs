using System.ComponentModel.DataAnnotations;
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
/// POST /api/communication/etablissements/{uai}/elections — the head (or a local administrator) sets up a parents'
/// election: seats, voting window (instants; the screen offers Paris times), lists of candidates in their order, and
/// whether votes by post or in person are counted too. Anyone else: 404 on the établissement. Written in one transaction.
/// </summary>
internal static class CreerElectionEndpoint
{
    /// <summary>A candidate, in the list's order; the date of birth settles ties (the older wins).</summary>
    internal sealed record CandidatElection([property: MaxLength(100)] string? Nom, [property: MaxLength(100)] string? Prenom, DateOnly? DateNaissance);

    /// <summary>A list of candidates.</summary>
    internal sealed record ListeCandidats([property: MaxLength(200)] string? Nom, [property: MaxLength(100)] CandidatElection[]? Candidats);

    /// <summary>An election to set up.</summary>
    /// <param name="Titre">E.g. « Élection des représentants des parents au conseil d'administration ».</param>
    /// <param name="Sieges">Seats to fill (titulaires), 1 to 50.</param>
    /// <param name="Ouverture">Voting opens (after now).</param>
    /// <param name="Cloture">Voting closes (after opening, within a year).</param>
    /// <param name="Correspondance">Votes by post and in person are counted too (the desk enters them after closing).</param>
    /// <param name="Listes">The lists, in the ballot's order, 1 to 20.</param>
    internal sealed record NouvelleElection([property: MaxLength(200)] string? Titre, int Sieges, DateTimeOffset? Ouverture, DateTimeOffset? Cloture,
        bool Correspondance, [property: MaxLength(20)] ListeCandidats[]? Listes);

    /// <summary>The election created.</summary>
    internal sealed record ElectionCreee(Guid Id);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/elections", Handle)
        .WithName("CreerElection")
        .WithSummary("Organise une élection des représentants des parents : sièges, période de vote, listes de candidats.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO communication.election (id, etablissement_id, titre, sieges, ouverture, cloture, correspondance, creee_par, creee_le)
        VALUES (@id, @etablissementId, @titre, @sieges, @ouverture, @cloture, @correspondance, @moi, @maintenant);
        INSERT INTO communication.election_liste (id, election_id, rang, nom)
        SELECT l.id, @id, l.rang, l.nom FROM unnest(@listeIds, @listeRangs, @listeNoms) AS l (id, rang, nom);
        INSERT INTO communication.election_candidat (liste_id, rang, nom, prenom, date_naissance)
        SELECT c.liste_id, c.rang, c.nom, c.prenom, c.naissance::date
        FROM unnest(@candidatListes, @candidatRangs, @candidatNoms, @candidatPrenoms, @candidatNaissances) AS c (liste_id, rang, nom, prenom, naissance);
        """;

    private static async Task<Results<Created<ElectionCreee>, ValidationProblem, ProblemHttpResult>> Handle(string uai, NouvelleElection requete,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement || !await regles.PeutAdministrerAsync(moi, etablissement.Id, ct))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var maintenant = clock.GetUtcNow();
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var listes = requete.Listes ?? [];
        var erreurs = new Erreurs()
            .Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(requete.Sieges is >= 1 and <= 50, "sieges", "Le nombre de sièges à pourvoir va de 1 à 50.")
            .Require(requete.Ouverture is { } o && o > maintenant, "ouverture", "L'ouverture du scrutin est à venir.")
            .Require(requete.Ouverture is { } debut && requete.Cloture is { } fin && fin > debut, "cloture", "La clôture suit l'ouverture.")
            .Require(requete.Cloture is not { } c || c <= maintenant.AddYears(1), "cloture", "Le scrutin se tient dans l'année qui vient.")
            .Require(listes.Length is >= 1 and <= 20, "listes", "Déposez de 1 à 20 listes de candidats.");
        for (var i = 0; i < listes.Length; i++)
        {
            var liste = listes[i];
            var nom = liste?.Nom?.Trim() ?? string.Empty;
            erreurs.Require(nom.Length is >= 1 and <= 200, $"listes[{i}].nom", "Le nom de la liste compte de 1 à 200 caractères.");
            erreurs.Require(listes.Take(i).All(l => !string.Equals(l?.Nom?.Trim(), nom, StringComparison.OrdinalIgnoreCase)),
                $"listes[{i}].nom", "Deux listes portent ce nom.");
            var candidatsListe = liste?.Candidats ?? [];
            // The rules: a list has at least one candidate and at most twice the seats (titulaires and suppléants).
            erreurs.Require(candidatsListe.Length >= 1 && candidatsListe.Length <= Math.Max(2, requete.Sieges * 2), $"listes[{i}].candidats",
                "Une liste compte de 1 candidat au double du nombre de sièges.");
            for (var j = 0; j < candidatsListe.Length; j++)
            {
                var candidat = candidatsListe[j];
                erreurs.Require(candidat?.Nom?.Trim() is { Length: >= 1 and <= 100 } && candidat.Prenom?.Trim() is { Length: >= 1 and <= 100 },
                    $"listes[{i}].candidats[{j}]", "Nom et prénom du candidat, 100 caractères au plus chacun.");
                erreurs.Require(candidat?.DateNaissance is { } n && n.Year >= 1900 && n < DateOnly.FromDateTime(maintenant.UtcDateTime),
                    $"listes[{i}].candidats[{j}].dateNaissance", "La date de naissance du candidat départage les égalités : indiquez-la.");
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var id = Guid.CreateVersion7();
        var listeIds = listes.Select(_ => Guid.CreateVersion7()).ToArray();
        var candidats = listes.SelectMany((l, i) => l.Candidats!.Select((c, j) => (Liste: listeIds[i], Rang: j + 1, Candidat: c))).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id,
            etablissementId = etablissement.Id,
            titre,
            sieges = requete.Sieges,
            ouverture = requete.Ouverture!.Value.ToUniversalTime(), // Npgsql writes UTC only
            cloture = requete.Cloture!.Value.ToUniversalTime(),
            correspondance = requete.Correspondance,
            moi,
            maintenant,
            listeIds,
            listeRangs = listes.Select((_, i) => i + 1).ToArray(),
            listeNoms = listes.Select(l => l.Nom!.Trim()).ToArray(),
            candidatListes = candidats.Select(c => c.Liste).ToArray(),
            candidatRangs = candidats.Select(c => c.Rang).ToArray(),
            candidatNoms = candidats.Select(c => c.Candidat.Nom!.Trim()).ToArray(),
            candidatPrenoms = candidats.Select(c => c.Candidat.Prenom!.Trim()).ToArray(),
            // As text: Dapper hands arrays to Npgsql as they are, and date[] from DateOnly[] goes through no type handler.
            candidatNaissances = candidats.Select(c => c.Candidat.DateNaissance!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/communication/elections/{id}", new ElectionCreee(id));
    }
}
