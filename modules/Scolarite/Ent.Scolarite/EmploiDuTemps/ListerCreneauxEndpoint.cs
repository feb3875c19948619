using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/creneaux?classe=&amp;groupe=&amp;enseignant=&amp;salle= — the weekly slots of the
/// current school year, for the établissement's administrators, by weekday then start. A class's filter includes the
/// lessons of the groups its pupils belong to (a Spanish group in 2NDE1's week).
/// </summary>
internal static class ListerCreneauxEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/creneaux", Handle)
        .WithName("ListerCreneaux")
        .WithSummary("Créneaux hebdomadaires de l'emploi du temps de l'année, filtrés par classe, groupe, enseignant ou salle (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CreneauEmploiDuTemps[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid? classe, Guid? groupe, Guid? enseignant, string? salle, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        await using var conn = await db.OpenConnectionAsync(ct);
        var grille = await GrilleEtablissement.ChargerAsync(conn, null, etablissement.Id, clock, annuaire, ct);
        var salleCherchee = salle?.Trim();
        bool Retenu(Occupation c)
        {
            var s = grille.Services[c.ServiceId];
            return (classe is not { } cl || s.ClasseId == cl || (s.GroupeId is { } g && grille.ClassesDesGroupes.GetValueOrDefault(g)?.Contains(cl) == true))
                   && (groupe is null || s.GroupeId == groupe)
                   && (enseignant is null || s.EnseignantId == enseignant)
                   && (string.IsNullOrEmpty(salleCherchee) || string.Equals(c.Salle, salleCherchee, StringComparison.OrdinalIgnoreCase));
        }

        return TypedResults.Ok(grille.Creneaux.Where(Retenu).OrderBy(c => c.Jour).ThenBy(c => c.Debut).ThenBy(c => grille.Services[c.ServiceId].Division, StringComparer.Ordinal)
            .ThenBy(c => c.ValideDu).Select(grille.Afficher).ToArray());
    }
}
