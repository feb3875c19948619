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

namespace Ent.Identite.Administration;

/// <summary>
/// GET /api/identite/etablissements/{uai}/personnes?q=&amp;classe=&amp;profil= — the établissement's administrators (head,
/// local administrators) find anyone attached to it: by the start of a name (every word typed starts a word of the
/// surname or first name, accents and case ignored, as the desk's pupil search) or of a login; by class (its pupils
/// and their guardians; the class code as Scolarité names it, e.g. 2NDE1); by profile. At least one criterion, 50 people
/// at most (<c>tronque</c> says when there were more). Everyone returned is written to the access log.
/// </summary>
internal static class RechercherPersonnesEndpoint
{
    private const int Maximum = 50;

    private static readonly string[] ProfilsConnus = [Profils.Eleve, Profils.Responsable, Profils.Enseignant, Profils.Personnel];

    /// <summary>A profile a person holds in the établissement.</summary>
    /// <param name="Profil">eleve, responsable, enseignant or personnel.</param>
    /// <param name="Fonction">For staff: cpe, direction, infirmier, documentaliste, secretariat or administrateur_local.</param>
    /// <param name="Retire">True when the directory no longer gives it (a pupil who left): kept, never deleted.</param>
    internal sealed record ProfilPersonne(string Profil, string? Fonction, bool Retire);

    /// <summary>A person found.</summary>
    /// <param name="PersonneId">The person.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Identifiant">Their login, when they have an account.</param>
    /// <param name="Etat">Their account's state: a_activer, actif, bloque or desactive; null without an account.</param>
    /// <param name="Classe">For a pupil, their class code this school year.</param>
    /// <param name="Profils">Their profiles in the établissement.</param>
    internal sealed record PersonneTrouvee(Guid PersonneId, string Nom, string Prenom, string? Identifiant, string? Etat, string? Classe,
        ProfilPersonne[] Profils);

    /// <summary>The people found.</summary>
    /// <param name="Personnes">By name, 50 at most.</param>
    /// <param name="Tronque">True when more people matched: narrow the search.</param>
    internal sealed record ResultatRecherchePersonnes(PersonneTrouvee[] Personnes, bool Tronque);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/personnes", Handle)
        .WithName("RechercherPersonnes")
        .WithSummary("Cherche les personnes de l'établissement par nom, identifiant, classe ou profil (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed class Ligne
    {
        public Guid Id { get; init; }
        public string Nom { get; init; } = "";
        public string Prenom { get; init; } = "";
        public string? Identifiant { get; init; }
        public string? Etat { get; init; }
        public string[] Profils { get; init; } = [];
        public string?[] Fonctions { get; init; } = [];
        public bool[] Retires { get; init; } = [];
    }

    // Names folded as NomsComparables folds the query (see RechercherElevesEndpoint); a login matches by its start.
    private const string Sql = """
        WITH personnes AS (
            SELECT p.id, p.nom, p.prenom, c.identifiant, c.etat,
                   ' ' || translate(replace(replace(lower(p.nom || ' ' || p.prenom), 'œ', 'oe'), 'æ', 'ae'),
                                    'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ-''’', 'aaaaaaceeeeiiiinooooouuuuyy   ') AS plie,
                   array_agg(r.profil ORDER BY r.profil) AS profils,
                   array_agg(r.fonction ORDER BY r.profil) AS fonctions,
                   array_agg(r.retire_le IS NOT NULL ORDER BY r.profil) AS retires
            FROM identite.rattachement r
            JOIN identite.personne p ON p.id = r.personne_id
            LEFT JOIN identite.compte c ON c.personne_id = p.id
            WHERE r.etablissement_id = @etablissementId
            GROUP BY p.id, c.identifiant, c.etat
        )
        SELECT id, nom, prenom, identifiant, etat, profils, fonctions, retires FROM personnes
        WHERE (@profil::text IS NULL OR @profil = ANY(profils))
          AND (@ids::uuid[] IS NULL OR id = ANY(@ids))
          AND (@login::text IS NULL
               OR (@mots::text[] IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unnest(@mots) m WHERE position(' ' || m IN plie) = 0))
               OR starts_with(lower(identifiant), @login))
        ORDER BY nom, prenom, id
        LIMIT @limite
        """;

    // A class's people: its pupils (as Scolarité enrols them) and whoever is linked to them as a guardian.
    private const string ElevesSql = """
        SELECT personne_id FROM identite.rattachement WHERE etablissement_id = @etablissementId AND profil = 'eleve'
        """;

    private const string ResponsablesSql = "SELECT DISTINCT responsable_id FROM identite.lien_responsable WHERE eleve_id = ANY(@eleves)";

    private static async Task<Results<Ok<ResultatRecherchePersonnes>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? q, string? classe, string? profil, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, IServicesEnseignement services, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var admin = await EtablissementAdministre.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (admin.Invalide is { } invalide)
        {
            return invalide;
        }

        if (admin.Refus is { } refus)
        {
            return refus;
        }

        var texte = NomsComparables.Normaliser(q);
        var login = q?.Trim().ToLowerInvariant() ?? "";
        var erreurs = new Erreurs()
            .Require(q is not { Length: > 100 }, "q", "Saisissez 100 caractères au plus.")
            .Require(string.IsNullOrWhiteSpace(q) || texte.Replace(" ", "", StringComparison.Ordinal).Length >= 2 || login.Length >= 2, "q",
                "Saisissez au moins 2 lettres du nom, du prénom ou de l'identifiant.")
            .Require(classe is not { Length: > 30 }, "classe", "Le code d'une classe fait 30 caractères au plus.")
            .Require(profil is null || ProfilsConnus.Contains(profil), "profil", "Le profil est eleve, responsable, enseignant ou personnel.")
            .Require(!string.IsNullOrWhiteSpace(q) || !string.IsNullOrWhiteSpace(classe) || profil is not null, "q",
                "Saisissez un nom ou un identifiant, ou choisissez une classe ou un profil.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var etablissement = admin.Etablissement!;
        await using var conn = await db.OpenConnectionAsync(ct);

        Guid[]? ids = null;
        IReadOnlyDictionary<Guid, string> classes;
        if (!string.IsNullOrWhiteSpace(classe))
        {
            var eleves = (await conn.QueryAsync<Guid>(new CommandDefinition(ElevesSql, new { etablissementId = etablissement.Id }, cancellationToken: ct))).AsList();
            classes = await services.ClassesAsync(eleves, ct);
            var code = classe.Trim();
            var eleveIds = classes.Where(c => string.Equals(c.Value, code, StringComparison.OrdinalIgnoreCase)).Select(c => c.Key).ToArray();
            var responsables = await conn.QueryAsync<Guid>(new CommandDefinition(ResponsablesSql, new { eleves = eleveIds }, cancellationToken: ct));
            ids = [.. eleveIds, .. responsables];
        }
        else
        {
            classes = new Dictionary<Guid, string>();
        }

        var lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new
        {
            etablissementId = etablissement.Id,
            profil,
            ids,
            mots = texte.Length == 0 ? null : texte.Split(' '),
            login = login.Length == 0 ? null : login,
            limite = Maximum + 1,
        }, cancellationToken: ct))).AsList();
        var trouvees = lignes.Take(Maximum).ToList();

        // The pupils' classes, when the class filter did not already read them.
        var eleveIdsTrouves = trouvees.Where(l => l.Profils.Contains(Profils.Eleve)).Select(l => l.Id).ToArray();
        if (ids is null && eleveIdsTrouves.Length > 0)
        {
            classes = await services.ClassesAsync(eleveIdsTrouves, ct);
        }

        await journal.NoterAsync(admin, http, [.. trouvees.Select(l => l.Id)], ActionAcces.Lecture, "RechercherPersonnes", ct);
        return TypedResults.Ok(new ResultatRecherchePersonnes(
            [.. trouvees.Select(l => new PersonneTrouvee(l.Id, l.Nom, l.Prenom, l.Identifiant, l.Etat, classes.GetValueOrDefault(l.Id),
                [.. l.Profils.Select((p, i) => new ProfilPersonne(p, l.Fonctions[i], l.Retires[i]))]))],
            lignes.Count > Maximum));
    }
}
