using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Communication.Audiences;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// POST /api/communication/etablissements/{uai}/consentements — a teacher (for the classes and groups they teach) or the
/// direction asks the families of some classes and groups for their consent to an outing or project: what, where, when,
/// cost, deadline. The families are expanded once (each pupil, each legal guardian) and every guardian is told in the
/// application (and by e-mail if they chose it), in the same transaction. Anyone else: the établissement is « unknown ».
/// </summary>
internal static class CreerConsentementEndpoint
{
    /// <summary>A consent form to send.</summary>
    /// <param name="Titre">What: « Sortie au musée d'Orsay », 1 to 200 characters.</param>
    /// <param name="Description">The details families read (programme, meeting point, what to bring), 1 to 5,000 characters.</param>
    /// <param name="Lieu">Where, 1 to 200 characters.</param>
    /// <param name="Debut">When it starts.</param>
    /// <param name="Fin">When it ends (after Debut).</param>
    /// <param name="CoutCentimes">What a family pays, in euro cents (0: free).</param>
    /// <param name="DateLimite">The families answer until then (in the future, before Debut).</param>
    /// <param name="Classes">Classes asked (their ids).</param>
    /// <param name="Groupes">Groups asked (their ids).</param>
    internal sealed record NouveauConsentement(string? Titre, [property: MaxLength(5000)] string? Description, string? Lieu, DateTimeOffset? Debut,
        DateTimeOffset? Fin, int? CoutCentimes, DateTimeOffset? DateLimite, [property: MaxLength(50)] Guid[]? Classes, [property: MaxLength(50)] Guid[]? Groupes);

    /// <summary>The form sent.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Eleves">How many pupils are asked.</param>
    /// <param name="Responsables">How many guardians are asked to answer.</param>
    internal sealed record ConsentementCree(Guid Id, int Eleves, int Responsables);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/consentements", Handle)
        .WithName("CreerConsentement")
        .WithSummary("Demande aux familles de classes ou de groupes leur autorisation pour une sortie ou un projet, avant une date limite.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO communication.consentement (id, etablissement_id, organisateur_id, titre, description, lieu, debut, fin, cout_centimes, date_limite,
                                                divisions, divisions_libelle, cree_le)
        VALUES (@id, @etablissementId, @organisateurId, @titre, @description, @lieu, @debut, @fin, @cout, @dateLimite, @divisions, @libelle, @maintenant);

        INSERT INTO communication.consentement_famille (consentement_id, eleve_id, responsable_id, classe_code)
        SELECT @id, f.eleve_id, f.responsable_id, f.classe_code FROM unnest(@eleves, @responsables, @classesCodes) AS f (eleve_id, responsable_id, classe_code);
        """;

    private const string MessagesSql = """
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'application', NULL, r, @sujet, @texte, 'consentement:' || @id::text || ':' || r::text || ':application',
               @etablissementId, 'consentement', @lien, @maintenant, @maintenant
        FROM unnest(@responsablesUniques) AS r
        ON CONFLICT (cle_idempotence) DO NOTHING;

        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'courriel', c.adresse, c.personne_id, @sujet, @texte, 'consentement:' || @id::text || ':' || c.personne_id::text || ':courriel',
               @etablissementId, 'consentement', @lien, @maintenant, @maintenant
        FROM unnest(@courrielPersonnes, @courriels) AS c (personne_id, adresse)
        JOIN communication.preference_notification p ON p.personne_id = c.personne_id AND p.courriel
        ON CONFLICT (cle_idempotence) DO NOTHING;
        """;

    private static async Task<Results<Created<ConsentementCree>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouveauConsentement requete, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IDivisions divisions,
        ResolutionAudience audiences, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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

        var possibles = route.Etablissement is { } e ? await Consentement.DivisionsPossiblesAsync(regles, divisions, moi, e.Id, ct) : null;
        if (route.Etablissement is not { } etablissement || possibles is null)
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var maintenant = clock.GetUtcNow();
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var description = requete.Description?.Trim() ?? string.Empty;
        var lieu = requete.Lieu?.Trim() ?? string.Empty;
        Guid[] demandees = [.. (requete.Classes ?? []).Concat(requete.Groupes ?? []).Distinct()];
        var erreurs = new Erreurs()
            .Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(description.Length is >= 1 and <= 5000, "description", "La description compte de 1 à 5 000 caractères.")
            .Require(lieu.Length is >= 1 and <= 200, "lieu", "Le lieu compte de 1 à 200 caractères.")
            .Require(requete.Debut is not null, "debut", "Indiquez quand commence la sortie ou le projet.")
            .Require(requete.Fin is not null, "fin", "Indiquez quand se termine la sortie ou le projet.")
            .Require(requete.CoutCentimes is >= 0 and <= 10_000_000, "coutCentimes", "Indiquez le coût pour les familles en centimes (0 si c'est gratuit).")
            .Require(requete.DateLimite is not null, "dateLimite", "Indiquez la date limite de réponse.")
            .Require(demandees.Length > 0, "classes", "Choisissez au moins une classe ou un groupe.");
        if (requete is { Debut: { } debut, Fin: { } fin })
        {
            erreurs.Require(fin > debut, "fin", "La fin suit le début.")
                .Require(debut > maintenant, "debut", "La sortie ou le projet commence dans le futur.")
                .Require(debut <= maintenant.AddYears(1), "debut", "La sortie ou le projet a lieu dans l'année qui vient.");
            if (requete.DateLimite is { } limite)
            {
                erreurs.Require(limite > maintenant, "dateLimite", "La date limite de réponse est passée.")
                    .Require(limite <= debut, "dateLimite", "La date limite de réponse précède le début.");
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        // A class or group one may not ask is « unknown », as a forged id would be.
        if (demandees.FirstOrDefault(id => possibles.All(d => d.Id != id)) is var inconnue && inconnue != Guid.Empty)
        {
            return Problemes.Introuvable($"Aucune classe ni aucun groupe ne correspond à {inconnue}.");
        }

        var cible = await audiences.ResoudreAsync(etablissement.Id, new Audience(false, demandees, [], [ProfilsAudience.Familles]), ct);
        if (cible.Familles.Count == 0)
        {
            return new Erreurs().Add("classes", "Aucune famille n'est inscrite dans ces classes et groupes pour l'instant.").ToProblem();
        }

        var responsables = cible.Familles.Select(f => f.ResponsableId).Distinct().ToArray();
        var contacts = (await annuaire.ListerContactsFamillesAsync([.. cible.Familles.Select(f => f.EleveId).Distinct()], ct))
            .Where(c => c.Courriel is { Length: > 0 }).DistinctBy(c => c.ResponsableId).ToList();
        var id = Guid.CreateVersion7();
        var libelle = string.Join(", ", demandees.Select(d => possibles.First(p => p.Id == d).Libelle));
        libelle = libelle.Length <= 500 ? libelle : libelle[..499] + "…";

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql + "\n" + MessagesSql, new
        {
            id,
            etablissementId = etablissement.Id,
            organisateurId = moi,
            titre,
            description,
            lieu,
            // PostgreSQL's timestamptz takes UTC only (Npgsql refuses another offset): the instant is the same.
            debut = requete.Debut!.Value.ToUniversalTime(),
            fin = requete.Fin!.Value.ToUniversalTime(),
            cout = requete.CoutCentimes!.Value,
            dateLimite = requete.DateLimite!.Value.ToUniversalTime(),
            divisions = demandees,
            libelle,
            maintenant,
            eleves = cible.Familles.Select(f => f.EleveId).ToArray(),
            responsables = cible.Familles.Select(f => f.ResponsableId).ToArray(),
            classesCodes = cible.Familles.Select(f => f.ClasseCode).ToArray(),
            responsablesUniques = responsables,
            sujet = Tronquer($"Autorisation demandée : {titre}", 200),
            texte = $"Votre réponse est attendue avant le {Consentement.Jour(requete.DateLimite.Value)} : « {Tronquer(titre, 200)} », {lieu}.",
            lien = $"/autorisations?consentement={id}",
            courrielPersonnes = contacts.Select(c => c.ResponsableId).ToArray(),
            courriels = contacts.Select(c => c.Courriel!).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        return TypedResults.Created($"/api/communication/consentements/{id}/suivi",
            new ConsentementCree(id, cible.Familles.Select(f => f.EleveId).Distinct().Count(), responsables.Length));
    }

    internal static string Tronquer(string texte, int max) => texte.Length <= max ? texte : texte[..(max - 1)] + "…";
}
