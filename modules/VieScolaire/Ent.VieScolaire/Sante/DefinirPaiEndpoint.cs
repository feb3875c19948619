using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// PUT /api/viescolaire/eleves/{eleveId}/sante/pai — the nurse writes the pupil's health plan (PAI): allergies,
/// treatments, what to do day to day, and the emergency instructions the pupil's teachers read.
/// DELETE ends it (with its document). The nurse of the pupil's établissement only: anyone else gets 404.
/// </summary>
internal static class DefinirPaiEndpoint
{
    /// <summary>A PAI as the nurse writes it.</summary>
    /// <param name="Allergies">Allergies (2000 characters at most).</param>
    /// <param name="Traitements">Treatments and where they are kept (2000 characters at most).</param>
    /// <param name="ConduiteATenir">What to do day to day (2000 characters at most).</param>
    /// <param name="ConsignesUrgence">What to do in an emergency, for the teachers (required, 2000 characters at most).</param>
    internal sealed record SaisiePai(string? Allergies, string? Traitements, string? ConduiteATenir, string? ConsignesUrgence);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPut("/eleves/{eleveId:guid}/sante/pai", Definir)
            .WithName("DefinirPai")
            .WithSummary("Enregistre le PAI d'un élève : allergies, traitements, conduite à tenir, consignes d'urgence (infirmier·ère).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/eleves/{eleveId:guid}/sante/pai", Supprimer)
            .WithName("SupprimerPai")
            .WithSummary("Met fin au PAI d'un élève, avec son document (infirmier·ère).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string EcrireSql = """
        INSERT INTO viescolaire.pai (eleve_id, etablissement_id, donnees, empreinte_cle, modifie_par, modifie_le)
        VALUES (@eleveId, @etablissementId, @donnees, @empreinte, @par, @maintenant)
        ON CONFLICT (eleve_id) DO UPDATE
        SET etablissement_id = excluded.etablissement_id, donnees = excluded.donnees, empreinte_cle = excluded.empreinte_cle,
            modifie_par = excluded.modifie_par, modifie_le = excluded.modifie_le
        """;

    private static async Task<Results<Ok<Pai>, ValidationProblem, ProblemHttpResult>> Definir(Guid eleveId, SaisiePai saisie, HttpContext http,
        ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal, CleSante cle, Horaires horaires,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!await regles.PeutEcrireAsync(personneId, eleveId, Domaine.Sante, ct)
            || await annuaire.TrouverEtablissementEleveAsync(eleveId, ct) is not { } etablissement)
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        const int max = EnregistrerPassageEndpoint.TexteMax;
        var erreurs = new Erreurs()
            .Require(!string.IsNullOrWhiteSpace(saisie.ConsignesUrgence), "consignesUrgence",
                "Écrivez les consignes d'urgence : ce que les professeurs font si l'élève fait un malaise ou une crise.")
            .Require((saisie.ConsignesUrgence?.Length ?? 0) <= max, "consignesUrgence", $"Les consignes d'urgence tiennent en {max} caractères au plus.")
            .Require((saisie.Allergies?.Length ?? 0) <= max, "allergies", $"Les allergies tiennent en {max} caractères au plus.")
            .Require((saisie.Traitements?.Length ?? 0) <= max, "traitements", $"Les traitements tiennent en {max} caractères au plus.")
            .Require((saisie.ConduiteATenir?.Length ?? 0) <= max, "conduiteATenir", $"La conduite à tenir tient en {max} caractères au plus.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var contenu = new ContenuPai(Vide(saisie.Allergies), Vide(saisie.Traitements), Vide(saisie.ConduiteATenir), saisie.ConsignesUrgence!.Trim());
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(EcrireSql, new
        {
            eleveId, etablissementId = etablissement.Id, donnees = cle.Chiffrer(contenu, eleveId), empreinte = cle.Empreinte, par = personneId,
            maintenant = horaires.Maintenant,
        }, cancellationToken: ct));
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Modification, "DefinirPai", ct);
        return TypedResults.Ok((await LectureSante.PaiAsync(conn, cle, eleveId, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Supprimer(Guid eleveId, HttpContext http, ICurrentUser utilisateur,
        IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId || !await regles.PeutEcrireAsync(personneId, eleveId, Domaine.Sante, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var supprimes = await conn.ExecuteAsync(new CommandDefinition("DELETE FROM viescolaire.pai WHERE eleve_id = @eleveId", new { eleveId }, cancellationToken: ct));
        if (supprimes == 0)
        {
            return Problemes.Introuvable("Cet élève n'a pas de PAI.");
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Modification, "SupprimerPai", ct);
        return TypedResults.NoContent();
    }

    private static string? Vide(string? texte) => string.IsNullOrWhiteSpace(texte) ? null : texte.Trim();
}
