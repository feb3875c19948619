using Dapper;
using Ent.Identite.Contracts;
using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>
/// GET /api/identite/etablissements/{uai}/lettres-activation?classe= — the activation letters of the accounts still to
/// activate, as a PDF: one A4 page per person, grouped by class, each pupil followed by their guardians; staff last,
/// and only without <c>classe</c>. Each letter carries a new code drawn now: printing again makes the earlier letters
/// useless. For the établissement's head, local administrators and office (<see cref="Autorises"/>); 404 for anyone
/// else. Access-logged, one row per pupil whose family gets a letter.
/// </summary>
internal static class ImprimerLettresActivationEndpoint
{
    /// <summary>Who hands the letters out: the head, the local administrators, the office.</summary>
    public static readonly string[] Autorises = [Fonctions.Direction, Fonctions.AdministrateurLocal, Fonctions.Secretariat];

    public const string Personnels = "Personnels";

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/lettres-activation", Handle)
        .WithName("ImprimerLettresActivation")
        .WithSummary("Imprime les lettres d'activation des comptes à activer d'un établissement (PDF, une page par personne, par classe).")
        .WithDescription("Chaque lettre porte un nouveau code d'activation, valable 3 mois et une seule fois, tiré à l'impression : " +
                         "imprimer à nouveau remplace les codes des lettres imprimées avant, qui ne servent plus. Avec `classe`, les élèves " +
                         "de cette classe et leurs responsables ; sans, tout l'établissement, personnels compris. Direction, administrateurs " +
                         "locaux et secrétariat de l'établissement seulement.")
        .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Ligne(Guid CompteId, Guid PersonneId, string Identifiant, string? Civilite, string Prenom, string Nom, string Profil,
        Guid? EleveId, string? Eleve, string? EleveNom, string? ElevePrenom);

    // Pupils to activate enrolled here; guardians to activate of pupils enrolled here (one row per child); staff.
    private const string Sql = """
        SELECT c.id AS compte_id, p.id AS personne_id, c.identifiant, p.civilite, p.prenom, p.nom, 'eleve' AS profil,
               p.id AS eleve_id, p.prenom || ' ' || p.nom AS eleve, p.nom AS eleve_nom, p.prenom AS eleve_prenom
        FROM identite.rattachement r
        JOIN identite.personne p ON p.id = r.personne_id
        JOIN identite.compte c ON c.personne_id = p.id
        WHERE r.etablissement_id = @etablissementId AND r.profil = 'eleve' AND r.retire_le IS NULL AND c.etat = 'a_activer'
        UNION ALL
        SELECT c.id, resp.id, c.identifiant, resp.civilite, resp.prenom, resp.nom, 'responsable',
               e.id, e.prenom || ' ' || e.nom, e.nom, e.prenom
        FROM identite.rattachement r
        JOIN identite.personne e ON e.id = r.personne_id
        JOIN identite.lien_responsable l ON l.eleve_id = e.id
        JOIN identite.personne resp ON resp.id = l.responsable_id
        JOIN identite.compte c ON c.personne_id = resp.id
        WHERE r.etablissement_id = @etablissementId AND r.profil = 'eleve' AND r.retire_le IS NULL AND c.etat = 'a_activer'
        UNION ALL
        SELECT DISTINCT c.id, p.id, c.identifiant, p.civilite, p.prenom, p.nom, 'personnel', NULL::uuid, NULL, NULL, NULL
        FROM identite.rattachement r
        JOIN identite.personne p ON p.id = r.personne_id
        JOIN identite.compte c ON c.personne_id = p.id
        WHERE @personnels AND r.etablissement_id = @etablissementId AND r.profil IN ('enseignant', 'personnel') AND r.retire_le IS NULL
          AND c.etat = 'a_activer'
        """;

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? classe, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IJournalAcces journal,
        IServicesEnseignement services, NpgsqlDataSource db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        // The same answer for an unknown établissement and one the caller does not run (house rule: 404, not 403).
        if (etablissement is null || utilisateur.PersonneId is not { } personneId
            || !await AccesActivation.ExerceAsync(db, personneId, etablissement.Id, Autorises, ct))
        {
            return Problemes.Introuvable($"Aucune lettre d'activation n'est disponible pour l'UAI {Uai.Normalize(uai)}.");
        }

        var filtre = string.IsNullOrWhiteSpace(classe) ? null : classe.Trim();
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id, personnels = filtre is null }, cancellationToken: ct))).AsList();
        var classes = await services.ClassesAsync([.. lignes.Where(l => l.EleveId is not null).Select(l => l.EleveId!.Value).Distinct()], ct);
        string? ClasseDe(Ligne l) => l.EleveId is { } id && classes.TryGetValue(id, out var c) ? c : null;

        // Each person once: a guardian under their first child (by class, then name) among those the selection keeps.
        var retenues = lignes
            .Where(l => l.Profil == "personnel" || filtre is null || string.Equals(ClasseDe(l), filtre, StringComparison.OrdinalIgnoreCase))
            .Select(l => (Ligne: l, Classe: l.Profil == "personnel" ? null : ClasseDe(l) ?? "Sans classe"))
            .OrderBy(t => t.Ligne.Profil == "personnel")
            .ThenBy(t => t.Classe, StringComparer.Ordinal)
            .ThenBy(t => t.Ligne.EleveNom, StringComparer.CurrentCulture)
            .ThenBy(t => t.Ligne.ElevePrenom, StringComparer.CurrentCulture)
            .ThenBy(t => t.Ligne.EleveId)
            .ThenBy(t => t.Ligne.Profil == "responsable")
            .ThenBy(t => t.Ligne.Nom, StringComparer.CurrentCulture)
            .ThenBy(t => t.Ligne.Prenom, StringComparer.CurrentCulture)
            .DistinctBy(t => t.Ligne.CompteId)
            .ToList();

        var maintenant = clock.GetUtcNow();
        await using var tx = await conn.BeginTransactionAsync(ct);
        var codes = (await CodesActivation.GenererAsync(conn, tx, [.. retenues.Select(t => t.Ligne.CompteId)], personneId, maintenant, ct))
            .ToDictionary(c => c.CompteId, c => c.Code);
        await tx.CommitAsync(ct);

        var eleves = retenues.Where(t => t.Ligne.EleveId is not null).Select(t => t.Ligne.EleveId!.Value).Distinct().ToArray();
        await journal.NoterAsync(new AccesDonnees(personneId, null, Guid.Empty, Domaine.Identite, ActionAcces.Modification,
            "ImprimerLettresActivation", http.Connection.RemoteIpAddress, etablissement.Id), eleves, ct);

        var lettres = retenues.Select(t => new LettreActivation(
            Destinataire: string.Join(' ', new[] { t.Ligne.Civilite, t.Ligne.Prenom, t.Ligne.Nom }.Where(s => !string.IsNullOrEmpty(s))),
            Qualite: t.Ligne.Profil switch
            {
                "eleve" => $"Élève, classe {t.Classe}",
                "responsable" => $"Responsable de {t.Ligne.Eleve} ({t.Classe})",
                _ => "Personnel de l'établissement",
            },
            Classe: t.Classe ?? Personnels,
            Identifiant: t.Ligne.Identifiant,
            Code: codes[t.Ligne.CompteId],
            Famille: t.Ligne.Profil != "personnel")).ToList();
        var pdf = LettresActivationPdf.Rendre(etablissement.Nom, ClientsOidc.UrlPublique(configuration) + ActivationEndpoints.Chemin,
            maintenant, maintenant + CodesActivation.Validite, lettres);
        var suffixe = filtre is null ? string.Empty : "-" + string.Concat(filtre.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        var nom = $"lettres-activation-{etablissement.Uai}{suffixe}-{maintenant:yyyy-MM-dd}.pdf";
        return TypedResults.File(pdf, "application/pdf", nom);
    }
}
