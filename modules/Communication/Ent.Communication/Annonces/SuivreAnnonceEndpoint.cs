using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/annonces/{id}/suivi — who has read an announcement and, when it asks families to confirm,
/// which families have and have not, class by class (a family has confirmed when one of its guardians has). For its
/// author and the établissement's direction and vie scolaire desk; 404 for anyone else. Names pupils and their
/// guardians: the access log records the read.
/// </summary>
internal static class SuivreAnnonceEndpoint
{
    /// <summary>A guardian of the family and what they did.</summary>
    internal sealed record ResponsableSuivi(Guid Id, string Nom, DateTimeOffset? LueLe, DateTimeOffset? ConfirmeeLe);

    /// <summary>A pupil's family: confirmed when one of its guardians confirmed.</summary>
    internal sealed record FamilleSuivi(Guid EleveId, string Eleve, bool Confirmee, ResponsableSuivi[] Responsables);

    /// <summary>A class's families (pupils without a class: code null).</summary>
    internal sealed record ClasseSuivi(string? Classe, int Familles, int Confirmees, FamilleSuivi[] Eleves);

    /// <summary>The follow-up of an announcement.</summary>
    /// <param name="Id">The announcement.</param>
    /// <param name="Titre">Its title.</param>
    /// <param name="AccuseLecture">Families are asked to confirm.</param>
    /// <param name="Destinataires">How many people it addresses.</param>
    /// <param name="Lues">How many opened it.</param>
    /// <param name="Familles">How many families it addresses.</param>
    /// <param name="FamillesConfirmees">How many of them confirmed.</param>
    /// <param name="RelanceeLe">The last reminder, if any.</param>
    /// <param name="Classes">Class by class, by class code.</param>
    /// <param name="Texte">Its text (plain text), as the families read it.</param>
    /// <param name="Audience">Who it addresses, in words (fixed once published).</param>
    /// <param name="VisibleDu">Start of publication.</param>
    /// <param name="VisibleAu">End of publication, if any.</param>
    /// <param name="ModifieeLe">When it was last corrected, if it was.</param>
    /// <param name="RetireeLe">When it was withdrawn: the families no longer see it.</param>
    /// <param name="Modifiable">The caller may correct and withdraw it (its author, the direction) and it is not withdrawn.</param>
    /// <param name="PiecesJointes">Its files.</param>
    internal sealed record SuiviLectureAnnonce(Guid Id, string Titre, bool AccuseLecture, int Destinataires, int Lues, int Familles, int FamillesConfirmees,
        DateTimeOffset? RelanceeLe, ClasseSuivi[] Classes, [property: System.ComponentModel.DataAnnotations.MaxLength(10000)] string Texte,
        [property: System.ComponentModel.DataAnnotations.MaxLength(500)] string Audience, DateTimeOffset VisibleDu, DateTimeOffset? VisibleAu,
        DateTimeOffset? ModifieeLe, DateTimeOffset? RetireeLe, bool Modifiable, PieceJointeAnnonce[] PiecesJointes);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/annonces/{id:guid}/suivi", Handle)
        .WithName("SuivreAnnonce")
        .WithSummary("Qui a lu une annonce et, par classe, quelles familles ont confirmé ou non leur lecture.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT count(*)::int, count(lue_le)::int FROM communication.annonce_destinataire WHERE annonce_id = @id;
        SELECT f.eleve_id, f.responsable_id, f.classe_code, d.lue_le, d.confirmee_le
        FROM communication.annonce_famille f
        JOIN communication.annonce_destinataire d ON d.annonce_id = f.annonce_id AND d.personne_id = f.responsable_id
        WHERE f.annonce_id = @id;
        """;

    private sealed record Ligne(Guid EleveId, Guid ResponsableId, string? ClasseCode, DateTimeOffset? LueLe, DateTimeOffset? ConfirmeeLe);

    private static async Task<Results<Ok<SuiviLectureAnnonce>, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        SuiviAnnonce.Ligne? annonce;
        (int Total, int Lues) compte;
        List<Ligne> lignes;
        ILookup<Guid, PieceJointeAnnonce> pieces;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            annonce = await SuiviAnnonce.TrouverAsync(conn, regles, moi, id, ct);
            if (annonce is null)
            {
                return Problemes.Introuvable(SuiviAnnonce.Introuvable(id));
            }

            await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
            compte = await lecture.ReadSingleAsync<(int, int)>();
            lignes = (await lecture.ReadAsync<Ligne>()).AsList();
            pieces = await StockageAnnonces.DesAnnoncesAsync(conn, [id], ct);
        }

        var eleveIds = lignes.Select(l => l.EleveId).Distinct().ToArray();
        var noms = lignes.Count == 0
            ? []
            : (await annuaire.TrouverPersonnesAsync([.. eleveIds.Concat(lignes.Select(l => l.ResponsableId)).Distinct()], ct))
                .ToDictionary(p => p.Id, p => (Tri: $"{p.Nom} {p.Prenom}", Nom: $"{p.Prenom} {p.Nom}"));
        string Nom(Guid personne) => noms.TryGetValue(personne, out var n) ? n.Nom : "?";

        var classes = lignes.GroupBy(l => l.ClasseCode).OrderBy(g => g.Key ?? "\uffff", StringComparer.Ordinal).Select(classe =>
        {
            var familles = classe.GroupBy(l => l.EleveId)
                .OrderBy(f => noms.TryGetValue(f.Key, out var n) ? n.Tri : "?", StringComparer.CurrentCulture)
                .Select(f => new FamilleSuivi(f.Key, Nom(f.Key), f.Any(r => r.ConfirmeeLe is not null),
                    [.. f.Select(r => new ResponsableSuivi(r.ResponsableId, Nom(r.ResponsableId), r.LueLe, r.ConfirmeeLe))]))
                .ToArray();
            return new ClasseSuivi(classe.Key, familles.Length, familles.Count(f => f.Confirmee), familles);
        }).ToArray();

        await journal.NoterAsync(http, utilisateur, eleveIds, Domaine.Messages, ActionAcces.Lecture, "SuivreAnnonce", ct);
        return TypedResults.Ok(new SuiviLectureAnnonce(annonce.Id, annonce.Titre, annonce.AccuseLecture, compte.Total, compte.Lues,
            classes.Sum(c => c.Familles), classes.Sum(c => c.Confirmees), annonce.RelanceeLe, classes, annonce.Texte, annonce.AudienceLibelle,
            annonce.VisibleDu, annonce.VisibleAu, annonce.ModifieeLe, annonce.RetireeLe,
            annonce.RetireeLe is null && await SuiviAnnonce.PeutModifierAsync(regles, moi, annonce, ct), [.. pieces[id]]));
    }
}
