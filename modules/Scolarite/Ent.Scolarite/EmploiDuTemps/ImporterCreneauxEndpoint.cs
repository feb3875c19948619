using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/creneaux/import?du=&amp;au=&amp;verifier= — the administrators load the timetable
/// exported by their timetabling software: a CSV file (format: <see cref="ImportCreneaux"/>), sent as multipart/form-data
/// in the field « fichier », 1 Mo at most. All or nothing: any error (each named by its line) and nothing changes.
/// Otherwise the file <b>replaces</b> the établissement's timetable over the period du–au (default: the whole current
/// school year): slots within it are deleted, slots crossing its edges are cut at them (their part outside is kept), and
/// the file's lines are added (a line without dates holds for the whole period). <c>verifier=true</c> checks only.
/// </summary>
internal static class ImporterCreneauxEndpoint
{
    public const long TailleMax = 1024 * 1024;

    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The CSV file: jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au.</param>
    internal sealed record FormulaireImportCreneaux(IFormFile Fichier);

    /// <summary>What the import did (or would do, when checking only).</summary>
    /// <param name="Verification">True: only checked, nothing changed.</param>
    /// <param name="Du">First day of the period replaced.</param>
    /// <param name="Au">Last day of the period replaced.</param>
    /// <param name="Lignes">Slots read in the file.</param>
    /// <param name="CreneauxRemplaces">Slots of the period deleted or cut at its edges.</param>
    internal sealed record BilanImportCreneaux(bool Verification, DateOnly Du, DateOnly Au, int Lignes, int CreneauxRemplaces);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/creneaux/import", Handle)
        .WithName("ImporterCreneaux")
        .WithSummary("Importe l'emploi du temps d'un fichier CSV (un créneau par ligne) : tout ou rien, remplace les créneaux de la période (administrateurs de l'établissement).")
        .Accepts<FormulaireImportCreneaux>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(TailleMax + 64 * 1024))
        .WithFormOptions(multipartBodyLengthLimit: TailleMax)
        .DisableAntiforgery()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>The period's slots: cut at its edges (one crossing both is split in two), then those within deleted.</summary>
    private const string RemplacerSql = """
        INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au)
        SELECT gen_random_uuid(), etablissement_id, service_id, jour, debut, fin, salle, semaine, @au::date + 1, valide_au
        FROM scolarite.creneau WHERE id = ANY(@ids) AND valide_du < @du AND valide_au > @au;
        UPDATE scolarite.creneau SET valide_au = @du::date - 1 WHERE id = ANY(@ids) AND valide_du < @du;
        UPDATE scolarite.creneau SET valide_du = @au::date + 1 WHERE id = ANY(@ids) AND valide_du >= @du AND valide_au > @au;
        DELETE FROM scolarite.creneau WHERE id = ANY(@ids) AND valide_du >= @du AND valide_au <= @au;
        """;

    private static async Task<Results<Ok<BilanImportCreneaux>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? du, DateOnly? au, bool? verifier, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        IFormCollection formulaire;
        try
        {
            formulaire = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException) when (http.Request.ContentLength > TailleMax)
        {
            return TropGros();
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return TropGros();
        }
        catch (InvalidDataException)
        {
            return new Erreurs().Add("fichier", "Le formulaire envoyé est illisible (multipart/form-data mal formé).").ToProblem();
        }

        var fichier = formulaire.Files.GetFile("fichier");
        if (fichier is not { Length: > 0 })
        {
            return new Erreurs().Add("fichier", "Joignez le fichier CSV de l'emploi du temps (champ « fichier »).").ToProblem();
        }

        if (fichier.Length > TailleMax)
        {
            return TropGros();
        }

        byte[] octets;
        using (var flux = new MemoryStream())
        {
            await fichier.CopyToAsync(flux, ct);
            octets = flux.ToArray();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(CreerCreneauEndpoint.VerrouSql, new { etablissementId = etablissement.Id }, tx, cancellationToken: ct));
        var grille = await GrilleEtablissement.ChargerAsync(conn, tx, etablissement.Id, clock, annuaire, ct);
        var debut = du ?? grille.DebutAnnee;
        var fin = au ?? grille.FinAnnee;
        var periode = new Erreurs()
            .Require(debut >= grille.DebutAnnee && debut <= grille.FinAnnee, "du",
                $"La période importée est dans l'année scolaire {grille.Annee} (du {grille.DebutAnnee:dd/MM/yyyy} au {grille.FinAnnee:dd/MM/yyyy}).")
            .Require(fin >= grille.DebutAnnee && fin <= grille.FinAnnee, "au",
                $"La période importée est dans l'année scolaire {grille.Annee} (du {grille.DebutAnnee:dd/MM/yyyy} au {grille.FinAnnee:dd/MM/yyyy}).")
            .Require(fin >= debut, "au", "La fin de la période doit suivre son début.");
        if (periode.Any)
        {
            return periode.ToProblem();
        }

        var (lignes, erreurs) = ImportCreneaux.Lire(ImportCreneaux.Decoder(octets), grille, debut, fin);
        if (erreurs.Count > 0)
        {
            var listees = erreurs.Take(ImportCreneaux.ErreursMax).ToList();
            if (erreurs.Count > listees.Count)
            {
                listees.Add($"… et {erreurs.Count - listees.Count} autre(s) erreur(s).");
            }

            return Problemes.Validation(new Dictionary<string, string[]> { ["fichier"] = [.. listees] });
        }

        var remplaces = grille.Creneaux.Where(c => c.ValideDu <= fin && c.ValideAu >= debut).Select(c => c.Id).ToArray();
        if (verifier != true)
        {
            await conn.ExecuteAsync(new CommandDefinition(RemplacerSql, new { ids = remplaces, du = debut, au = fin }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(CreerCreneauEndpoint.InsererSql,
                lignes.Select(l => CreerCreneauEndpoint.Parametres(l.Creneau, etablissement.Id)), tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok(new BilanImportCreneaux(verifier == true, debut, fin, lignes.Count, remplaces.Length));
    }

    private static ProblemHttpResult TropGros() => TypedResults.Problem(
        $"Le fichier dépasse {TailleMax / 1024} Ko : un emploi du temps en CSV en fait bien moins. Vérifiez qu'il s'agit du bon fichier.",
        statusCode: 413, title: "Requête trop volumineuse", type: "urn:ent:probleme:trop-volumineux");
}
