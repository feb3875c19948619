using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>
/// GET /api/identite/me — who the caller is: name, profiles in each établissement, and for a guardian the children
/// linked to them. A token without a person (an application's own) gets 404.
/// </summary>
internal static class ObtenirMoiEndpoint
{
    /// <summary>A profile held in an établissement.</summary>
    /// <param name="Uai">The établissement's UAI.</param>
    /// <param name="Etablissement">Its name.</param>
    /// <param name="Profil">eleve, responsable, enseignant or personnel.</param>
    /// <param name="Fonction">For personnel: cpe, direction, infirmier, documentaliste, secretariat, administrateur_local.</param>
    internal sealed record ProfilEtablissement(string Uai, string Etablissement, string Profil, string? Fonction);

    /// <summary>A child of a guardian.</summary>
    /// <param name="Id">The pupil's id, used by every endpoint about them.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Uai">UAI of the child's établissement.</param>
    /// <param name="Etablissement">Name of the child's établissement.</param>
    /// <param name="Legal">Legal guardian (sees the school data) or not.</param>
    /// <param name="Domaines">What the guardian may see of this child, by the access rules: travail_scolaire, vie_scolaire, sante, messages, identite.</param>
    internal sealed record Enfant(Guid Id, string Prenom, string Nom, string Uai, string Etablissement, bool Legal, string[] Domaines);

    /// <summary>The connected person.</summary>
    /// <param name="Id">The person's id.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Email">E-mail address for notifications, if any.</param>
    /// <param name="Mobile">Mobile number (E.164) for notifications, if any.</param>
    /// <param name="DoubleAuthentification">Whether a second factor (TOTP) protects the account.</param>
    /// <param name="Profils">Profiles per établissement.</param>
    /// <param name="Enfants">For a guardian, the children.</param>
    /// <param name="AdministrateurRegion">The person administers the region's instance (the region's screen).</param>
    /// <param name="Langue">The language the person reads Ent in: fr, en or ar (PUT /me/langue changes it).</param>
    internal sealed record Moi(Guid Id, string Prenom, string Nom, string? Email, string? Mobile, bool DoubleAuthentification,
        ProfilEtablissement[] Profils, Enfant[] Enfants, bool AdministrateurRegion, string Langue);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me", Handle)
        .WithName("ObtenirMoi")
        .WithSummary("Donne la personne connectée : ses profils par établissement et, pour un responsable, ses enfants.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string SqlPersonne = """
        SELECT p.id, p.prenom, p.nom, p.email, p.mobile, p.langue, coalesce(c.mfa_confirme_le IS NOT NULL AND c.secret_mfa IS NOT NULL, false) AS double_authentification,
               EXISTS (SELECT 1 FROM identite.administrateur_region a WHERE a.personne_id = p.id) AS administrateur_region
        FROM identite.personne p LEFT JOIN identite.compte c ON c.personne_id = p.id
        WHERE p.id = @id
        """;

    private const string SqlProfils = """
        SELECT e.uai, e.nom AS etablissement, r.profil, r.fonction
        FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
        WHERE r.personne_id = @id AND r.retire_le IS NULL
        ORDER BY e.nom, r.profil
        """;

    private const string SqlEnfants = """
        SELECT p.id, p.prenom, p.nom, e.uai, e.nom AS etablissement, l.legal
        FROM identite.lien_responsable l
        JOIN identite.personne p ON p.id = l.eleve_id
        JOIN identite.rattachement r ON r.personne_id = p.id AND r.profil = 'eleve'
        JOIN identite.etablissement e ON e.id = r.etablissement_id
        WHERE l.responsable_id = @id
        ORDER BY p.prenom, p.id
        """;

    private sealed record Personne(Guid Id, string Prenom, string Nom, string? Email, string? Mobile, string Langue, bool DoubleAuthentification,
        bool AdministrateurRegion);

    private sealed record LigneEnfant(Guid Id, string Prenom, string Nom, string Uai, string Etablissement, bool Legal);

    private static readonly (Domaine Domaine, string Code)[] Domaines =
    [
        (Domaine.TravailScolaire, "travail_scolaire"), (Domaine.VieScolaire, "vie_scolaire"), (Domaine.Sante, "sante"),
        (Domaine.Messages, "messages"), (Domaine.Identite, "identite"),
    ];

    private static async Task<Results<Ok<Moi>, ProblemHttpResult>> Handle(ICurrentUser user, NpgsqlDataSource db, IReglesAcces regles, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var personne = await conn.QuerySingleOrDefaultAsync<Personne>(new CommandDefinition(SqlPersonne, new { id }, cancellationToken: ct));
        if (personne is null)
        {
            return Problemes.Introuvable("Cette personne n'existe plus.");
        }

        var profils = await conn.QueryAsync<ProfilEtablissement>(new CommandDefinition(SqlProfils, new { id }, cancellationToken: ct));
        var enfants = new List<Enfant>();
        foreach (var e in await conn.QueryAsync<LigneEnfant>(new CommandDefinition(SqlEnfants, new { id }, cancellationToken: ct)))
        {
            var lisibles = await regles.DomainesLisiblesAsync(id, e.Id, ct);
            enfants.Add(new Enfant(e.Id, e.Prenom, e.Nom, e.Uai, e.Etablissement, e.Legal,
                [.. Domaines.Where(d => lisibles.Contains(d.Domaine)).Select(d => d.Code)]));
        }

        return TypedResults.Ok(new Moi(personne.Id, personne.Prenom, personne.Nom, personne.Email, personne.Mobile,
            personne.DoubleAuthentification, [.. profils], [.. enfants], personne.AdministrateurRegion, personne.Langue));
    }
}
