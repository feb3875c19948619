using Dapper;
using Ent.Identite.Connexion;
using Ent.Identite.Contracts;
using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// GET /api/identite/etablissements/{uai}/personnes/{personneId} — a person's card for the établissement's administrators:
/// their profiles there, their family links both ways (a pupil's guardians, a guardian's children), their account (state,
/// activation, last login when known, whether the lockout holds it now, second factor) and the third-party
/// applications they allowed. A person who is nobody in the établissement is 404, as for anyone else. Logged.
/// </summary>
internal static class ObtenirFichePersonneEndpoint
{
    /// <summary>A guardian ↔ pupil link, as seen from the card's person: the other side is named.</summary>
    /// <param name="ResponsableId">The guardian.</param>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Nom">The other person's surname (the guardian on a pupil's card, the pupil on a guardian's).</param>
    /// <param name="Prenom">The other person's first name.</param>
    /// <param name="Lien">mere, pere, tuteur or autre.</param>
    /// <param name="Legal">Holds parental authority (reads the child's record).</param>
    /// <param name="RecoitCourrier">Receives the school's mail.</param>
    /// <param name="RecoitNotifications">Receives the notifications about the child.</param>
    /// <param name="ContactPrioritaire">The first to call.</param>
    /// <param name="FixeManuellement">An administrator set it: later imports leave it as it is.</param>
    internal sealed record LienFamille(Guid ResponsableId, Guid EleveId, string Nom, string Prenom, string Lien, bool Legal,
        bool RecoitCourrier, bool RecoitNotifications, bool ContactPrioritaire, bool FixeManuellement);

    /// <summary>A person's account.</summary>
    /// <param name="Identifiant">Login.</param>
    /// <param name="Etat">a_activer (waiting for the family), actif, bloque or desactive.</param>
    /// <param name="ActiveLe">When it was activated, if it was.</param>
    /// <param name="DerniereConnexion">The last successful login, when still known (attempts are kept for a while).</param>
    /// <param name="Verrouille">Too many failed attempts lately: logins are refused until the lockout ends or is lifted.</param>
    /// <param name="DoubleAuthentification">A second factor protects it.</param>
    internal sealed record CompteFiche(string Identifiant, string Etat, DateTime? ActiveLe, DateTime? DerniereConnexion, bool Verrouille,
        bool DoubleAuthentification);

    /// <summary>A third-party application the person allowed.</summary>
    /// <param name="Id">Its id, to withdraw the permission.</param>
    /// <param name="Nom">Its name.</param>
    /// <param name="AccordeeLe">When the person first allowed it.</param>
    /// <param name="Portees">The OAuth scopes it holds.</param>
    internal sealed record ApplicationConsentie(string Id, string Nom, DateTime AccordeeLe, string[] Portees);

    /// <summary>A person's card.</summary>
    /// <param name="PersonneId">The person.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Civilite">M. or Mme, when the directory gives it.</param>
    /// <param name="DateNaissance">Date of birth, when known.</param>
    /// <param name="Email">E-mail address, if any.</param>
    /// <param name="Mobile">Mobile number (E.164), if any.</param>
    /// <param name="Classe">For a pupil, their class code this school year.</param>
    /// <param name="Profils">Their profiles in the établissement.</param>
    /// <param name="Compte">Their account; null when they have none.</param>
    /// <param name="Responsables">For a pupil, their guardians.</param>
    /// <param name="Enfants">For a guardian, the pupils they are linked to.</param>
    /// <param name="Applications">Third-party applications they allowed.</param>
    internal sealed record FichePersonne(Guid PersonneId, string Nom, string Prenom, string? Civilite, DateOnly? DateNaissance,
        string? Email, string? Mobile, string? Classe, RechercherPersonnesEndpoint.ProfilPersonne[] Profils, CompteFiche? Compte,
        LienFamille[] Responsables, LienFamille[] Enfants, ApplicationConsentie[] Applications);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/personnes/{personneId:guid}", Handle)
        .WithName("ObtenirFichePersonne")
        .WithSummary("Donne la fiche d'une personne de l'établissement : profils, liens familiaux, compte, applications autorisées (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Personne(Guid Id, string Nom, string Prenom, string? Civilite, DateOnly? DateNaissance, string? Email, string? Mobile);

    private sealed record Compte(string Identifiant, string Etat, DateTime? ActiveLe, bool DoubleAuthentification);

    private sealed record Rattachement(string Profil, string? Fonction, bool Retire);

    private sealed class Application
    {
        public string Id { get; init; } = "";
        public string? Nom { get; init; }
        public string ClientId { get; init; } = "";
        public DateTime AccordeeLe { get; init; }
        public string[] Portees { get; init; } = [];
    }

    private const string PersonneSql = """
        SELECT id, nom, prenom, civilite, date_naissance, email, mobile FROM identite.personne WHERE id = @personneId;
        SELECT identifiant, etat, active_le, (secret_mfa IS NOT NULL AND mfa_confirme_le IS NOT NULL) AS double_authentification
        FROM identite.compte WHERE personne_id = @personneId;
        SELECT profil, fonction, retire_le IS NOT NULL AS retire FROM identite.rattachement
        WHERE personne_id = @personneId AND etablissement_id = @etablissementId ORDER BY profil;
        SELECT l.responsable_id, l.eleve_id, p.nom, p.prenom, l.lien, l.legal, l.recoit_courrier, l.recoit_notifications,
               l.contact_prioritaire, l.fixe_manuellement
        FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.responsable_id
        WHERE l.eleve_id = @personneId ORDER BY l.contact_prioritaire DESC, p.nom, p.prenom;
        SELECT l.responsable_id, l.eleve_id, p.nom, p.prenom, l.lien, l.legal, l.recoit_courrier, l.recoit_notifications,
               l.contact_prioritaire, l.fixe_manuellement
        FROM identite.lien_responsable l JOIN identite.personne p ON p.id = l.eleve_id
        WHERE l.responsable_id = @personneId ORDER BY p.nom, p.prenom;
        """;

    // The login's attempts, as the lockout counts them (Comptes): the last success, and the failures since it in the window.
    private const string TentativesSql = """
        WITH succes AS (SELECT max(le) AS le FROM identite.tentative_connexion WHERE identifiant = @cle AND reussie)
        SELECT (SELECT le FROM succes) AS derniere,
               (SELECT count(*) FROM identite.tentative_connexion t
                WHERE t.identifiant = @cle AND NOT t.reussie AND t.le > @depuis AND t.le > coalesce((SELECT le FROM succes), '-infinity'))::int AS echecs
        """;

    private const string ApplicationsSql = """
        SELECT a."Id" AS id, a."DisplayName" AS nom, a."ClientId" AS client_id, min(z."CreationDate") AS accordee_le,
               array_remove(array_agg(DISTINCT s.portee), NULL) AS portees
        FROM identite.oidc_autorisation z
        JOIN identite.oidc_application a ON a."Id" = z."ApplicationId"
        LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(z."Scopes", '[]')::jsonb) AS s(portee) ON true
        WHERE z."Subject" = @sujet AND z."Status" = 'valid' AND a."ClientId" <> @spa
        GROUP BY a."Id", a."DisplayName", a."ClientId"
        ORDER BY accordee_le DESC
        """;

    private static async Task<Results<Ok<FichePersonne>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid personneId, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        IServicesEnseignement services, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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

        await using var conn = await db.OpenConnectionAsync(ct);
        var fiche = await LireAsync(conn, personneId, admin.Etablissement!.Id, services, clock, ct);
        if (fiche is null)
        {
            return EtablissementAdministre.PersonneIntrouvable();
        }

        await journal.NoterAsync(admin, http, [personneId], ActionAcces.Lecture, "ObtenirFichePersonne", ct);
        return TypedResults.Ok(fiche);
    }

    /// <summary>The card, or null when the person is nobody in the établissement. The actions answer it too, once done.</summary>
    public static async Task<FichePersonne?> LireAsync(NpgsqlConnection conn, Guid personneId, Guid etablissementId,
        IServicesEnseignement services, TimeProvider clock, CancellationToken ct)
    {
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(PersonneSql, new { personneId, etablissementId }, cancellationToken: ct));
        var personne = await lecture.ReadSingleOrDefaultAsync<Personne>();
        var compte = await lecture.ReadSingleOrDefaultAsync<Compte>();
        var profils = (await lecture.ReadAsync<Rattachement>()).AsList();
        var responsables = (await lecture.ReadAsync<LienFamille>()).ToArray();
        var enfants = (await lecture.ReadAsync<LienFamille>()).ToArray();
        if (personne is null || profils.Count == 0)
        {
            return null;
        }

        CompteFiche? compteFiche = null;
        if (compte is not null)
        {
            var (derniere, echecs) = await conn.QuerySingleAsync<(DateTime?, int)>(new CommandDefinition(TentativesSql,
                new { cle = compte.Identifiant.Trim().ToLowerInvariant(), depuis = clock.GetUtcNow() - Comptes.DureeVerrouillage }, cancellationToken: ct));
            compteFiche = new CompteFiche(compte.Identifiant, compte.Etat, compte.ActiveLe, derniere, echecs >= Comptes.EchecsAvantVerrouillage,
                compte.DoubleAuthentification);
        }

        var applications = await conn.QueryAsync<Application>(new CommandDefinition(ApplicationsSql,
            new { sujet = personneId.ToString(), spa = ClientsOidc.Spa }, cancellationToken: ct));
        var classe = profils.Any(p => p.Profil == Profils.Eleve) ? (await services.ClassesAsync([personneId], ct)).GetValueOrDefault(personneId) : null;

        return new FichePersonne(personne.Id, personne.Nom, personne.Prenom, personne.Civilite,
            personne.DateNaissance, personne.Email, personne.Mobile, classe,
            [.. profils.Select(p => new RechercherPersonnesEndpoint.ProfilPersonne(p.Profil, p.Fonction, p.Retire))], compteFiche,
            responsables, enfants,
            [.. applications.Select(a => new ApplicationConsentie(a.Id, a.Nom ?? a.ClientId, a.AccordeeLe, [.. a.Portees.Order(StringComparer.Ordinal)]))]);
    }
}
