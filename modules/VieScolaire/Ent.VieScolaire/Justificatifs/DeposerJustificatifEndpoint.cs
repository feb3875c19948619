using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.Kernel.Documents;
using Ent.VieScolaire.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>
/// POST /api/viescolaire/eleves/{eleveId}/justificatifs — a legal guardian justifies one or more of their child's
/// absences: a reason, a comment, and optionally a document (PDF, JPEG or PNG, 5 Mo at most, its type read from its
/// content). For the pupil's legal guardians only: anyone else, staff included, gets 404. All or nothing: the document
/// is written to disk under a random name, then the rows in one transaction; if that fails, the file is deleted.
/// The absences wait for the vie scolaire desk's decision (justificatif_depose).
/// </summary>
internal static class DeposerJustificatifEndpoint
{
    /// <summary>The form (multipart/form-data) a family sends.</summary>
    /// <param name="AbsenceIds">The absences or lateness to justify (repeat the field for each, 1 to 50).</param>
    /// <param name="Motif">The reason's code (see <c>GET /api/viescolaire/motifs-absence</c>).</param>
    /// <param name="Commentaire">A comment (1000 characters at most), required with the reason « autre ».</param>
    /// <param name="Document">A supporting document: PDF, JPEG or PNG, 5 Mo at most.</param>
    internal sealed record FormulaireJustificatif([property: MaxLength(50)] Guid[] AbsenceIds, string Motif, string? Commentaire, IFormFile? Document);

    public const int AbsencesMax = 50;

    // Kestrel's limit for this endpoint alone (1 MiB elsewhere). Twice the document's: a file somewhat too large (a phone
    // photo) is received and gets the field's clear French 400; beyond, Kestrel stops reading it (413).
    public const long LimiteCorps = 2 * StockageJustificatifs.TailleMax;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/eleves/{eleveId:guid}/justificatifs", Handle)
        .WithName("DeposerJustificatif")
        .WithSummary("Justifie une ou plusieurs absences de mon enfant (motif, commentaire, document PDF, JPEG ou PNG de 5 Mo au plus).")
        .Accepts<FormulaireJustificatif>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(LimiteCorps))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private const string MotifSql = "SELECT libelle, actif FROM viescolaire.motif_absence WHERE code = @motif";

    // The absences are locked: two guardians sending the same absence at once are served one after the other, and the
    // second sees it already waiting for review.
    private const string VerrouSql = """
        SELECT id, eleve_id, etablissement_id, statut, annulee_le FROM viescolaire.absence WHERE id = ANY(@ids) ORDER BY id FOR UPDATE
        """;

    private const string DocumentSql = """
        INSERT INTO viescolaire.document (id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@id, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @par, @maintenant)
        """;

    private const string JustificatifSql = """
        INSERT INTO viescolaire.justificatif (id, etablissement_id, eleve_id, motif_code, commentaire, document_id, depose_par, depose_le)
        VALUES (@id, @etablissementId, @eleveId, @motif, @commentaire, @documentId, @par, @maintenant);
        INSERT INTO viescolaire.justificatif_absence (justificatif_id, absence_id) SELECT @id, unnest(@absenceIds);
        UPDATE viescolaire.absence SET statut = 'justificatif_depose' WHERE id = ANY(@absenceIds);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        SELECT unnest(@absenceIds), 'justificatif_depose', @detail, @par, @maintenant;
        """;

    private sealed record Motif(string Libelle, bool Actif);

    private sealed record AbsenceVerrouillee(Guid Id, Guid EleveId, Guid EtablissementId, string Statut, DateTime? AnnuleeLe);

    private static async Task<Results<Created<Justificatif>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, IAnnuaire annuaire,
        IServicesEnseignement enseignement, StockageJustificatifs stockage, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // Before reading a byte of the body: a stranger's upload is not even received.
        if (!await regles.EstResponsableLegalAsync(personneId, eleveId, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        // Routing has answered 415 to anything but multipart/form-data (Accepts above). The form is read here rather than
        // bound, so that each field's error is named in French and nothing is read before the access check.
        IFormCollection formulaire;
        try
        {
            formulaire = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return new Erreurs().Add("formulaire", "Le formulaire envoyé est illisible (multipart/form-data mal formé).").ToProblem();
        }

        var (saisie, erreurs) = await LireAsync(formulaire, ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        var motif = saisie.Motif.Length == 0 ? null
            : await conn.QuerySingleOrDefaultAsync<Motif>(new CommandDefinition(MotifSql, new { motif = saisie.Motif }, cancellationToken: ct));
        if (saisie.Motif.Length > 0 && motif is not { Actif: true })
        {
            erreurs.Add("motif", "Ce motif n'existe pas ou n'est plus proposé : choisissez-en un dans la liste.");
        }

        if (saisie.Motif == "autre" && saisie.Commentaire is null)
        {
            erreurs.Add("commentaire", "Précisez le motif dans le commentaire : il est obligatoire avec « Autre motif ».");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = saisie.Absences.Select(a => a.Id).ToArray();
        var absences = (await conn.QueryAsync<AbsenceVerrouillee>(new CommandDefinition(VerrouSql, new { ids }, tx, cancellationToken: ct)))
            .ToDictionary(a => a.Id);
        var etablissementId = ValiderAbsences(saisie.Absences, absences, eleveId, erreurs);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var maintenant = clock.GetUtcNow();
        var justificatifId = Guid.NewGuid();
        string? nomStockage = null;
        try
        {
            Guid? documentId = null;
            if (saisie.Fichier is { } fichier)
            {
                // The file first, under a random name: if anything after fails, it is deleted and no row names it.
                await using var flux = fichier.OpenReadStream();
                var ecrit = await stockage.EcrireAsync(flux, ct);
                nomStockage = ecrit.NomStockage;
                documentId = Guid.NewGuid();
                await conn.ExecuteAsync(new CommandDefinition(DocumentSql, new
                {
                    id = documentId,
                    nomStockage,
                    nomOriginal = TypeDocument.NomOriginal(fichier.FileName, saisie.TypeContenu!),
                    typeContenu = saisie.TypeContenu,
                    taille = (int)ecrit.Taille,
                    sha256 = ecrit.Sha256,
                    par = personneId,
                    maintenant,
                }, tx, cancellationToken: ct));
            }

            await conn.ExecuteAsync(new CommandDefinition(JustificatifSql, new
            {
                id = justificatifId,
                etablissementId,
                eleveId,
                motif = saisie.Motif,
                commentaire = saisie.Commentaire,
                documentId,
                par = personneId,
                maintenant,
                absenceIds = ids,
                detail = $"Justificatif déposé : {motif!.Libelle}",
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        catch
        {
            if (nomStockage is not null)
            {
                stockage.Supprimer(nomStockage);
            }

            throw;
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "DeposerJustificatif", ct);
        var justificatif = (await LectureJustificatifs.ChargerAsync(conn, [justificatifId], annuaire, enseignement, ct)).Single();
        return TypedResults.Created($"/api/viescolaire/eleves/{eleveId}/justificatifs", justificatif);
    }

    private sealed record Saisie((int Index, Guid Id)[] Absences, string Motif, string? Commentaire, IFormFile? Fichier, string? TypeContenu);

    /// <summary>The form's fields, checked one by one; the document's type is read from its first bytes.</summary>
    private static async Task<(Saisie Saisie, Erreurs Erreurs)> LireAsync(IFormCollection formulaire, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var brut = formulaire["absenceIds"];
        if (brut.Count is 0 or > AbsencesMax)
        {
            erreurs.Add("absenceIds", $"Indiquez de 1 à {AbsencesMax} absences à justifier.");
        }

        var absences = new List<(int Index, Guid Id)>();
        for (var i = 0; i < Math.Min(brut.Count, AbsencesMax); i++)
        {
            if (!Guid.TryParse(brut[i], out var id))
            {
                erreurs.Add($"absenceIds[{i}]", "Cet identifiant d'absence n'est pas valide.");
            }
            else if (absences.Any(a => a.Id == id))
            {
                erreurs.Add($"absenceIds[{i}]", "Cette absence figure deux fois dans la demande.");
            }
            else
            {
                absences.Add((i, id));
            }
        }

        var motif = formulaire["motif"].Count == 1 ? formulaire["motif"].ToString().Trim() : string.Empty;
        if (motif.Length == 0)
        {
            erreurs.Add("motif", "Choisissez un motif d'absence.");
        }

        var commentaire = formulaire["commentaire"].ToString().Trim();
        if (commentaire.Length > 1000)
        {
            erreurs.Add("commentaire", "Le commentaire fait 1000 caractères au plus.");
        }

        var fichiers = formulaire.Files;
        IFormFile? fichier = null;
        string? typeContenu = null;
        if (fichiers.Count > 1 || fichiers.Any(f => f.Name != "document"))
        {
            erreurs.Add("document", "Joignez un seul document, dans le champ « document ».");
        }
        else if (fichiers.Count == 1)
        {
            fichier = fichiers[0];
            if (fichier.Length == 0)
            {
                erreurs.Add("document", "Le document est vide.");
            }
            else if (fichier.Length > StockageJustificatifs.TailleMax)
            {
                erreurs.Add("document", $"Le document fait {fichier.Length / (1024.0 * 1024):0.#} Mo : la taille maximale est de 5 Mo.");
            }
            else
            {
                await using var debut = fichier.OpenReadStream();
                typeContenu = await TypeDocument.DetecterAsync(debut, ct);
                if (typeContenu is null)
                {
                    erreurs.Add("document", "Le document doit être un PDF, une image JPEG ou une image PNG. Le contenu de ce fichier ne " +
                                            "correspond à aucun de ces formats, quel que soit son nom : enregistrez-le en PDF ou prenez-le en photo.");
                }
            }
        }

        return (new Saisie([.. absences], motif, commentaire.Length == 0 ? null : commentaire, fichier, typeContenu), erreurs);
    }

    /// <summary>Each absence must be the pupil's, still standing, and waiting for a justification; returns their établissement.</summary>
    private static Guid ValiderAbsences((int Index, Guid Id)[] demandees, Dictionary<Guid, AbsenceVerrouillee> trouvees, Guid eleveId, Erreurs erreurs)
    {
        Guid? etablissementId = null;
        foreach (var (index, id) in demandees)
        {
            var champ = $"absenceIds[{index}]";
            if (!trouvees.TryGetValue(id, out var absence) || absence.EleveId != eleveId)
            {
                erreurs.Add(champ, "Aucune absence de cet élève ne porte cet identifiant.");
            }
            else if (absence.AnnuleeLe is not null)
            {
                erreurs.Add(champ, "Cette absence a été annulée : il n'y a rien à justifier.");
            }
            else if (absence.Statut == "justificatif_depose")
            {
                erreurs.Add(champ, "Un justificatif de cette absence attend déjà l'examen de la vie scolaire.");
            }
            else if (absence.Statut == "justifiee")
            {
                erreurs.Add(champ, "Cette absence est déjà justifiée.");
            }
            else if (etablissementId is { } premier && absence.EtablissementId != premier)
            {
                erreurs.Add(champ, "Cette absence relève d'un autre établissement : justifiez-la séparément.");
            }
            else
            {
                etablissementId = absence.EtablissementId;
            }
        }

        return etablissementId ?? Guid.Empty;
    }
}
