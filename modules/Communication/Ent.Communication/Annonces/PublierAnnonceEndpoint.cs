using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Communication.Audiences;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// POST /api/communication/etablissements/{uai}/annonces — the direction, the CPE or a teacher publishes an announcement
/// to an audience they may address (a teacher: the classes and groups they teach). The audience is expanded once, and
/// every recipient's notification is queued in the same transaction, set-based: a whole lycée's 2,000 families are a
/// handful of statements, not 2,000 round trips.
/// </summary>
internal static class PublierAnnonceEndpoint
{
    /// <summary>An announcement to publish.</summary>
    /// <param name="Titre">Title, 1 to 200 characters.</param>
    /// <param name="Texte">Plain text, 1 to 10,000 characters; shown as text, never as HTML.</param>
    /// <param name="Audience">Who it addresses.</param>
    /// <param name="AccuseLecture">Each targeted family must confirm they read it (the families must be targeted).</param>
    /// <param name="VisibleDu">Start of the publication window (default: now); notifications leave then.</param>
    /// <param name="VisibleAu">End of the publication window (none: until withdrawn).</param>
    internal sealed record NouvelleAnnonce(string? Titre, [property: MaxLength(10000)] string? Texte, Audience? Audience, bool AccuseLecture,
        DateTimeOffset? VisibleDu, DateTimeOffset? VisibleAu);

    /// <summary>The announcement published.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Destinataires">How many people it addresses.</param>
    /// <param name="Familles">How many families (pupils whose guardians are addressed).</param>
    internal sealed record AnnoncePubliee(Guid Id, int Destinataires, int Familles);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/annonces", Handle)
        .WithName("PublierAnnonce")
        .WithSummary("Publie une annonce officielle pour un public (établissement, classes ou groupes ; familles, élèves, personnels).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO communication.annonce
            (id, etablissement_id, auteur_id, titre, texte, audience, audience_libelle, accuse_lecture, visible_du, visible_au, publiee_le)
        VALUES (@id, @etablissementId, @auteurId, @titre, @texte, @audience::jsonb, @libelle, @accuseLecture, @visibleDu, @visibleAu, @maintenant);

        INSERT INTO communication.annonce_destinataire (annonce_id, personne_id, profil)
        SELECT @id, d.personne_id, d.profil FROM unnest(@personnes, @profils) AS d (personne_id, profil);

        INSERT INTO communication.annonce_famille (annonce_id, eleve_id, responsable_id, classe_code)
        SELECT @id, f.eleve_id, f.responsable_id, f.classe_code FROM unnest(@eleves, @responsables, @classes) AS f (eleve_id, responsable_id, classe_code);
        """;

    private const string MessagesSql = """
        -- Everyone addressed is told in the application when the window opens; families who chose e-mail, by e-mail too.
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'application', NULL, d.personne_id, @sujet, @texteCourt,
               'annonce:' || @id::text || ':' || d.personne_id::text || ':application', @etablissementId, 'annonce', @lien, @visibleDu, @maintenant
        FROM communication.annonce_destinataire d WHERE d.annonce_id = @id
        ON CONFLICT (cle_idempotence) DO NOTHING;

        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'courriel', c.adresse, c.personne_id, @sujet, @texteCourriel,
               'annonce:' || @id::text || ':' || c.personne_id::text || ':courriel', @etablissementId, 'annonce', @lien, @visibleDu, @maintenant
        FROM unnest(@courrielPersonnes, @courriels) AS c (personne_id, adresse)
        JOIN communication.preference_notification p ON p.personne_id = c.personne_id AND p.courriel
        ON CONFLICT (cle_idempotence) DO NOTHING;

        -- Push (issue 19): those addressed who chose push for announcements and have a device, when push is on.
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'push', NULL, d.personne_id, @sujet, @textePush,
               'annonce:' || @id::text || ':' || d.personne_id::text || ':push', @etablissementId, 'annonce', @lien, @visibleDu, @maintenant
        FROM communication.annonce_destinataire d
        JOIN communication.preference_push pp ON pp.personne_id = d.personne_id AND pp.annonces
        WHERE d.annonce_id = @id AND @push AND EXISTS (SELECT 1 FROM communication.abonnement_push a WHERE a.personne_id = d.personne_id)
        ON CONFLICT (cle_idempotence) DO NOTHING;
        """;

    private static async Task<Results<Created<AnnoncePubliee>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NouvelleAnnonce requete, ICurrentUser utilisateur, IAnnuaire annuaire, ResolutionAudience audiences, Push.DestinatairesPush push, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
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

        // Someone who may address no one here learns nothing more than a stranger: the établissement is « unknown ».
        var possible = route.Etablissement is { } e ? await audiences.PossibleAsync(moi, e.Id, ct) : null;
        if (route.Etablissement is not { } etablissement || possible is null)
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var maintenant = clock.GetUtcNow();
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var texte = requete.Texte?.Trim() ?? string.Empty;
        var visibleDu = requete.VisibleDu ?? maintenant;
        var erreurs = new Erreurs()
            .Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(texte.Length is >= 1 and <= 10000, "texte", "Le texte compte de 1 à 10 000 caractères.")
            .Require(requete.VisibleAu is null || requete.VisibleAu > visibleDu, "visibleAu", "La fin de publication suit son début.")
            .Require(requete.VisibleAu is null || requete.VisibleAu > maintenant, "visibleAu", "La fin de publication est passée.")
            .Require(visibleDu <= maintenant.AddYears(1), "visibleDu", "La publication commence dans l'année qui vient.");
        Audience.Valider(requete.Audience, erreurs);
        var audience = requete.Audience;
        if (audience is not null && audience.AccuseLecture(requete.AccuseLecture) is { } message)
        {
            erreurs.Add("accuseLecture", message);
        }

        if (audience is not null && audience.Etablissement && !possible.Etablissement)
        {
            erreurs.Add("audience", "Seules la direction et la vie scolaire s'adressent à tout l'établissement : choisissez vos classes ou groupes.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        // A class or group one may not address is « unknown », as a forged id would be.
        if (audience!.Divisions().FirstOrDefault(divisionId => possible.Divisions.All(d => d.Id != divisionId)) is var inconnue && inconnue != Guid.Empty)
        {
            return Problemes.Introuvable($"Aucune classe ni aucun groupe ne correspond à {inconnue}.");
        }

        var cible = await audiences.ResoudreAsync(etablissement.Id, audience, ct);
        if (cible.Destinataires.Count == 0)
        {
            return new Erreurs().Add("audience", "Ce public ne compte personne pour l'instant.").ToProblem();
        }

        var contacts = cible.Familles.Count == 0
            ? []
            : (await annuaire.ListerContactsFamillesAsync([.. cible.Familles.Select(f => f.EleveId).Distinct()], ct))
                .Where(c => c.Courriel is { Length: > 0 }).DistinctBy(c => c.ResponsableId).ToList();

        var id = Guid.CreateVersion7();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EnregistrerAsync(conn, tx, new Publication(id, etablissement, moi, titre, texte, audience, ResolutionAudience.Libelle(audience, possible.Divisions),
            requete.AccuseLecture, visibleDu, requete.VisibleAu, maintenant, cible, contacts, Push: push.Actif), ct);
        await tx.CommitAsync(ct);

        return TypedResults.Created($"/api/communication/annonces/{id}",
            new AnnoncePubliee(id, cible.Destinataires.Count, cible.Familles.Select(f => f.EleveId).Distinct().Count()));
    }

    /// <summary>Everything a publication writes: the announcement, its audience expanded, the contacts for e-mail.</summary>
    internal sealed record Publication(Guid Id, EtablissementInfo Etablissement, Guid AuteurId, string Titre, string Texte, Audience Audience,
        string AudienceLibelle, bool AccuseLecture, DateTimeOffset VisibleDu, DateTimeOffset? VisibleAu, DateTimeOffset Maintenant, Cible Cible,
        IReadOnlyList<ContactFamille> Courriels, bool Notifier = true, bool Push = false);

    /// <summary>
    /// Writes a publication in the caller's transaction: one round trip, five set-based statements (three without the
    /// notifications, as the demo writes its own).
    /// </summary>
    internal static Task EnregistrerAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Publication p, CancellationToken ct)
    {
        var confirmer = p.AccuseLecture ? " Merci de confirmer votre lecture." : string.Empty;
        return conn.ExecuteAsync(new CommandDefinition(p.Notifier ? Sql + "\n" + MessagesSql : Sql, new
        {
            id = p.Id,
            etablissementId = p.Etablissement.Id,
            auteurId = p.AuteurId,
            titre = p.Titre,
            texte = p.Texte,
            audience = System.Text.Json.JsonSerializer.Serialize(new
            {
                etablissement = p.Audience.Etablissement,
                classes = p.Audience.Classes ?? [],
                groupes = p.Audience.Groupes ?? [],
                profils = p.Audience.Profils,
            }),
            libelle = p.AudienceLibelle,
            accuseLecture = p.AccuseLecture,
            visibleDu = p.VisibleDu,
            visibleAu = p.VisibleAu,
            maintenant = p.Maintenant,
            personnes = p.Cible.Destinataires.Select(d => d.PersonneId).ToArray(),
            profils = p.Cible.Destinataires.Select(d => d.Profil).ToArray(),
            eleves = p.Cible.Familles.Select(f => f.EleveId).ToArray(),
            responsables = p.Cible.Familles.Select(f => f.ResponsableId).ToArray(),
            classes = p.Cible.Familles.Select(f => f.ClasseCode).ToArray(),
            sujet = Tronquer($"Annonce : {p.Titre}", 200),
            texteCourt = Tronquer(p.Texte, 300) + confirmer,
            textePush = Tronquer(p.Texte, 300),
            push = p.Push,
            texteCourriel = $"{p.Etablissement.Nom} : {p.Titre}\n\n{p.Texte}\n{confirmer.Trim()}",
            lien = $"/annonces?annonce={p.Id}",
            courrielPersonnes = p.Courriels.Select(c => c.ResponsableId).ToArray(),
            courriels = p.Courriels.Select(c => c.Courriel!).ToArray(),
        }, tx, cancellationToken: ct));
    }

    internal static string Tronquer(string texte, int max) => texte.Length <= max ? texte : texte[..(max - 1)] + "…";

    /// <summary>The reason an acknowledgement cannot be asked of this audience, or null.</summary>
    private static string? AccuseLecture(this Audience audience, bool demande) =>
        demande && !audience.Vise(ProfilsAudience.Familles) ? "L'accusé de lecture est demandé aux familles : ajoutez les familles au public." : null;
}
