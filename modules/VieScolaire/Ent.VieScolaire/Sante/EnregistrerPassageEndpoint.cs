using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// POST /api/viescolaire/eleves/{eleveId}/sante/passages — the nurse of the pupil's établissement records an infirmary
/// visit: when, why (a category), the care given, the outcome. When the pupil leaves (sent home) or the emergency services
/// are called, the legal guardians are told at once by their channels (SMS, e-mail, in-app), in the same transaction.
/// The nurse only (domain « sante », written by no one else): anyone else gets 404.
/// </summary>
internal static class EnregistrerPassageEndpoint
{
    /// <summary>A visit to record.</summary>
    /// <param name="Arrivee">When the pupil came (not in the future, within the last 30 days).</param>
    /// <param name="Depart">When they left the infirmary, if known (not before they came).</param>
    /// <param name="Motif">malaise, douleur, blessure, traitement, ecoute or autre.</param>
    /// <param name="Issue">retour_classe, famille_appelee, retour_domicile (the family is told) or urgences (the family is told).</param>
    /// <param name="Soins">The care given (2000 characters at most).</param>
    /// <param name="Observations">Observations (2000 characters at most).</param>
    internal sealed record NouveauPassage(DateTimeOffset? Arrivee, DateTimeOffset? Depart, string? Motif, string? Issue, string? Soins, string? Observations);

    public const int TexteMax = 2000;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/eleves/{eleveId:guid}/sante/passages", Handle)
        .WithName("EnregistrerPassageInfirmerie")
        .WithSummary("Enregistre un passage à l'infirmerie (infirmier·ère de l'établissement) ; la famille est prévenue si l'élève rentre chez lui ou si les secours sont appelés.")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string InsererSql = """
        INSERT INTO viescolaire.passage_infirmerie (id, etablissement_id, eleve_id, arrivee, depart, donnees, empreinte_cle, famille_prevenue, saisi_par, saisi_le)
        VALUES (@id, @etablissementId, @eleveId, @arrivee, @depart, @donnees, @empreinte, @famillePrevenue, @par, @maintenant)
        """;

    private static async Task<Results<Created<PassageInfirmerie>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, NouveauPassage passage, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, IEvenements evenements, CleSante cle, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // The right first: a stranger learns nothing, not even what a valid visit looks like.
        if (!await regles.PeutEcrireAsync(personneId, eleveId, Domaine.Sante, ct)
            || await annuaire.TrouverEtablissementEleveAsync(eleveId, ct) is not { } etablissement)
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        var maintenant = horaires.Maintenant;
        var erreurs = new Erreurs();
        if (passage.Arrivee is not { } arrivee)
        {
            erreurs.Add("arrivee", "Indiquez l'heure d'arrivée à l'infirmerie.");
        }
        else if (arrivee > maintenant.AddMinutes(5))
        {
            erreurs.Add("arrivee", "L'heure d'arrivée ne peut pas être dans le futur.");
        }
        else if (arrivee < maintenant.AddDays(-30))
        {
            erreurs.Add("arrivee", "Un passage de plus de 30 jours ne s'enregistre plus ici : notez-le dans le dossier papier de l'infirmerie.");
        }

        if (passage.Depart is { } depart && passage.Arrivee is { } debut && depart < debut)
        {
            erreurs.Add("depart", "L'heure de départ ne peut pas précéder l'heure d'arrivée.");
        }

        erreurs.Require(passage.Motif is { } m && CataloguesSante.Motifs.ContainsKey(m), "motif",
            "Choisissez le motif : malaise, douleur, blessure, traitement, ecoute ou autre.");
        erreurs.Require(passage.Issue is { } i && CataloguesSante.Issues.ContainsKey(i), "issue",
            "Choisissez l'issue : retour_classe, famille_appelee, retour_domicile ou urgences.");
        erreurs.Require((passage.Soins?.Length ?? 0) <= TexteMax, "soins", $"Les soins tiennent en {TexteMax} caractères au plus.");
        erreurs.Require((passage.Observations?.Length ?? 0) <= TexteMax, "observations", $"Les observations tiennent en {TexteMax} caractères au plus.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var id = Guid.NewGuid();
        var issue = passage.Issue!;
        var informer = CataloguesSante.FamilleInformee(issue);
        var contenu = new ContenuPassage(passage.Motif!, issue, Vide(passage.Soins), Vide(passage.Observations));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition(InsererSql, new
            {
                id, etablissementId = etablissement.Id, eleveId, arrivee = passage.Arrivee!.Value.ToUniversalTime(),
                depart = passage.Depart?.ToUniversalTime(), donnees = cle.Chiffrer(contenu, id), empreinte = cle.Empreinte,
                famillePrevenue = informer, par = personneId, maintenant,
            }, tx, cancellationToken: ct));
            if (informer)
            {
                await evenements.PublierAsync(new PassageInfirmerieSignale(id, etablissement.Id, eleveId, issue, passage.Arrivee!.Value), conn, tx, ct);
            }

            await tx.CommitAsync(ct);
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Modification, "EnregistrerPassageInfirmerie", ct);
        var cree = LectureSante.Passage(id, passage.Arrivee!.Value, passage.Depart, contenu, informer);
        return TypedResults.Created($"/api/viescolaire/eleves/{eleveId}/sante", cree);
    }

    private static string? Vide(string? texte) => string.IsNullOrWhiteSpace(texte) ? null : texte.Trim();
}
