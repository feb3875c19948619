using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.EmploiDuTemps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// GET /api/scolarite/classes/{classeId}/cahier-de-textes?matiere=&amp;du=&amp;au= — a class's whole cahier de textes
/// (every subject, its groups' too) between two days (the last two weeks by default), and its homework load: for the
/// class's teachers, its head teachers, the direction and the vie scolaire desk. Published pages, and the reader's own
/// drafts. Anyone else gets 404.
/// </summary>
internal static class ListerCahierDeTextesClasseEndpoint
{
    /// <summary>A class's cahier de textes.</summary>
    /// <param name="ClasseId">The class.</param>
    /// <param name="Classe">Its name.</param>
    /// <param name="Seances">The lessons' pages, by start.</param>
    /// <param name="Charge">The homework load, day by day, of the days asked.</param>
    internal sealed record CahierClasse(Guid ClasseId, string Classe, Seance[] Seances, Cahier.ChargeJour[] Charge);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/classes/{classeId:guid}/cahier-de-textes", Handle)
        .WithName("ListerCahierDeTextesClasse")
        .WithSummary("Le cahier de textes d'une classe (toutes matières) et sa charge de devoirs, pour son équipe, la vie scolaire et la direction.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Classe(Guid EtablissementId, string Libelle);

    private static async Task<Results<Ok<CahierClasse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid classeId, string? matiere, DateOnly? du, DateOnly? au, ICurrentUser utilisateur, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        var (debut, fin, erreur) = Cahier.Bornes(du, au, aujourdhui.AddDays(-13), aujourdhui);
        if (erreur is not null)
        {
            return erreur;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annee = AnneeScolaire.Courante(clock);
        var classe = await conn.QuerySingleOrDefaultAsync<Classe>(new CommandDefinition(
            "SELECT etablissement_id, libelle FROM scolarite.classe WHERE id = @classeId AND annee_scolaire = @annee",
            new { classeId, annee }, cancellationToken: ct));
        if (classe is null || !await Cahier.PeutLireClassesAsync(conn, regles, personneId, classe.EtablissementId, [classeId], annee, ct))
        {
            return Problemes.Introuvable("Aucune classe ne correspond à cette adresse.");
        }

        var services = await Cahier.ServicesClassesAsync(conn, [classeId], annee, ct);
        var miens = services.Where(s => s.EnseignantId == personneId).Select(s => s.Id).ToArray();
        var affiches = matiere is null ? services : services.Where(s => s.MatiereCode == matiere).ToList();
        var seances = await Cahier.SeancesAsync(conn, affiches, debut, fin, maintenant, miens, ct);
        var charge = await Cahier.ChargeAsync(conn, [.. services.Select(s => s.Id)], debut, fin, miens, ct);
        return TypedResults.Ok(new CahierClasse(classeId, classe.Libelle, [.. seances], [.. charge]));
    }
}
