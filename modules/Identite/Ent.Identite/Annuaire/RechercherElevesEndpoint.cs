using Dapper;
using Ent.Identite.Contracts;
using Ent.Identite.EduConnect;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Annuaire;

/// <summary>
/// GET /api/identite/etablissements/{uai}/eleves?q=dup — the vie scolaire desk (CPE, head) and the nurse find a pupil of their
/// établissement by the start of a name: every word typed starts a word of the pupil's surname or first name, whatever
/// the accents and the case (« elo dup » finds « Élodie Dupont »). 2 characters at least, 20 pupils at most, with their
/// class and legal guardians (names and link, no contact details), so that the desk can record a parent's phone call.
/// The nurse, to open the health record of a pupil who walks into the infirmary (issue 18). Teachers and secretariat get
/// 404 like a stranger: teachers reach their own pupils through their classes, and the access rules give the other staff
/// no pupil data (ReglesAcces). Every pupil returned is written to the access log.
/// </summary>
internal static class RechercherElevesEndpoint
{
    private const int Maximum = 20;

    /// <summary>A pupil found.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Classe">Their class this year (« Seconde 1 »), if any.</param>
    /// <param name="Responsables">Their legal guardians.</param>
    internal sealed record EleveTrouve(Guid EleveId, string Nom, string Prenom, string? Classe, IReadOnlyList<ResponsableEleve> Responsables);

    /// <summary>A legal guardian of a pupil found.</summary>
    /// <param name="ResponsableId">The guardian.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Lien">mere, pere, tuteur or autre.</param>
    internal sealed record ResponsableEleve(Guid ResponsableId, string Nom, string Prenom, string Lien);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/eleves", Handle)
        .WithName("RechercherEleves")
        .WithSummary("Cherche un élève de l'établissement par le début de son nom ou prénom (vie scolaire : CPE, direction ; infirmerie), avec sa classe et ses responsables.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Accents and case folded on the database's side as NomsComparables folds the query: lower case, no diacritics,
    // hyphens and apostrophes as spaces; a leading space so that every word of the name starts after one.
    private const string ElevesSql = """
        WITH eleves AS (
            SELECT p.id, p.nom, p.prenom,
                   ' ' || translate(replace(replace(lower(p.nom || ' ' || p.prenom), 'œ', 'oe'), 'æ', 'ae'),
                                    'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ') AS plie
            FROM identite.rattachement r JOIN identite.personne p ON p.id = r.personne_id
            WHERE r.etablissement_id = @etablissementId AND r.profil = 'eleve'
        )
        SELECT id, nom, prenom FROM eleves
        WHERE NOT EXISTS (SELECT 1 FROM unnest(@mots) m WHERE position(' ' || m IN plie) = 0)
        ORDER BY nom, prenom, id
        LIMIT @limite
        """;

    private const string ResponsablesSql = """
        SELECT l.eleve_id, p.id, p.nom, p.prenom, l.lien
        FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.responsable_id
        WHERE l.eleve_id = ANY(@eleveIds) AND l.legal
        ORDER BY l.contact_prioritaire DESC, p.nom, p.prenom
        """;

    private static async Task<Results<Ok<EleveTrouve[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? q, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        IServicesEnseignement services, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement || utilisateur.PersonneId is not { } personneId
            || !(await regles.PeutSuivreVieScolaireAsync(personneId, etablissement.Id, ct) || await regles.EstInfirmierAsync(personneId, etablissement.Id, ct)))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var texte = NomsComparables.Normaliser(q);
        var erreurs = new Erreurs()
            .Require(texte.Replace(" ", "", StringComparison.Ordinal).Length >= 2, "q", "Saisissez au moins 2 lettres du nom ou du prénom.")
            .Require(q is not { Length: > 100 }, "q", "Saisissez 100 caractères au plus.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var eleves = (await conn.QueryAsync<(Guid Id, string Nom, string Prenom)>(new CommandDefinition(
            ElevesSql, new { etablissementId = etablissement.Id, mots = texte.Split(' '), limite = Maximum }, cancellationToken: ct))).AsList();
        var ids = eleves.Select(e => e.Id).ToArray();
        var responsables = (await conn.QueryAsync<(Guid EleveId, Guid Id, string Nom, string Prenom, string Lien)>(new CommandDefinition(
            ResponsablesSql, new { eleveIds = ids }, cancellationToken: ct))).ToLookup(r => r.EleveId);
        var classes = await services.ClassesAsync(ids, ct);

        await journal.NoterAsync(http, utilisateur, ids, Domaine.Identite, ActionAcces.Lecture, "RechercherEleves", ct);
        return TypedResults.Ok(eleves.Select(e => new EleveTrouve(e.Id, e.Nom, e.Prenom, classes.GetValueOrDefault(e.Id),
            responsables[e.Id].Select(r => new ResponsableEleve(r.Id, r.Nom, r.Prenom, r.Lien)).ToList())).ToArray());
    }
}
