using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// GET /api/communication/me/signalements — the reports I filed, latest change first, with their state. Only mine: the
/// other parent does not see what I filed, nor does a pupil's family see what the pupil filed (a pupil must be able to
/// report harassment without their family reading it).
/// </summary>
internal static class ListerMesSignalementsEndpoint
{
    /// <summary>A report in a list.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Titre">The form's title.</param>
    /// <param name="Confidentiel">Direction and CPE only.</param>
    /// <param name="Etat">recu, en_cours, repondu or clos.</param>
    /// <param name="EtatLibelle">The state in words.</param>
    /// <param name="Eleve">« Prénom Nom » of the pupil concerned.</param>
    /// <param name="DeposePar">« Prénom Nom » of who filed it.</param>
    /// <param name="Profil">eleve or responsable.</param>
    /// <param name="DeposeLe">Filed (UTC).</param>
    /// <param name="ModifieLe">Last message or change of state (UTC).</param>
    internal sealed record SignalementResume(Guid Id, string Titre, bool Confidentiel, string Etat, string EtatLibelle, string Eleve, string DeposePar,
        string Profil, DateTimeOffset DeposeLe, DateTimeOffset ModifieLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/signalements", Handle)
        .WithName("ListerMesSignalements")
        .WithSummary("Les signalements que j'ai déposés, avec leur état.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<SignalementResume[]> ResumerAsync(IAnnuaire annuaire, IReadOnlyList<Dossier> dossiers, CancellationToken ct)
    {
        var personnes = (await annuaire.TrouverPersonnesAsync([.. dossiers.SelectMany(d => new[] { d.EleveId, d.DeposePar }).Distinct()], ct))
            .ToDictionary(p => p.Id);
        return [.. dossiers.Select(d => new SignalementResume(d.Id, d.Titre, d.Confidentiel, d.Etat, ReglesSignalement.LibelleEtat(d.Etat),
            ReglesSignalement.Nom(personnes.GetValueOrDefault(d.EleveId)), ReglesSignalement.Nom(personnes.GetValueOrDefault(d.DeposePar)), d.Profil, d.DeposeLe, d.ModifieLe))];
    }

    private static async Task<Results<Ok<SignalementResume[]>, ProblemHttpResult>> Handle(HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        List<Dossier> dossiers;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            dossiers = (await conn.QueryAsync<Dossier>(new CommandDefinition(Dossiers.SelectSql + " WHERE depose_par = @moi ORDER BY modifie_le DESC, id LIMIT 100",
                new { moi }, cancellationToken: ct))).AsList();
        }

        // A confidential report's every read is logged, its title in a list included.
        foreach (var parOperation in dossiers.Where(d => d.Confidentiel).GroupBy(d => ReglesSignalement.Operation("ListerMesSignalements", d)))
        {
            await journal.NoterAsync(http, utilisateur, [.. parOperation.Select(d => d.EleveId).Distinct()], Domaine.VieScolaire,
                ActionAcces.Lecture, ReglesSignalement.Operation("ListerMesSignalements", parOperation.First()), ct);
        }
        return TypedResults.Ok(await ResumerAsync(annuaire, dossiers, ct));
    }
}
