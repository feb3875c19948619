using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Communication.Agenda;

/// <summary>
/// GET /api/communication/etablissements/{uai}/agenda — what the calendar's staff screen needs: the établissement's
/// classes and groups (its per-class views), those the caller may target, and whether they may create events. Staff only.
/// </summary>
internal static class ObtenirContexteAgendaEndpoint
{
    /// <summary>The staff's calendar context.</summary>
    /// <param name="Uai">The établissement.</param>
    /// <param name="Etablissement">Its name.</param>
    /// <param name="PeutCreer">Whether the caller may create events (managers; teachers, for their classes).</param>
    /// <param name="ToutLEtablissement">Whether the caller may target the whole établissement (managers).</param>
    /// <param name="Divisions">The établissement's classes then groups this school year.</param>
    /// <param name="Ciblables">The ids of those the caller may target.</param>
    internal sealed record ContexteAgenda(string Uai, string Etablissement, bool PeutCreer, bool ToutLEtablissement, DivisionAgenda[] Divisions, Guid[] Ciblables);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/agenda", Handle)
        .WithName("ObtenirContexteAgenda")
        .WithSummary("Donne au personnel les classes et groupes de l'établissement pour le calendrier, et ceux qu'il peut viser.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ContexteAgenda>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, Regards regards, IDivisions divisions, CancellationToken ct)
    {
        var acces = await AgendaEtablissement.VerifierAsync(uai, utilisateur, annuaire, regards, ct);
        if (acces.Invalide is not null)
        {
            return acces.Invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Refus!;
        }

        var toutes = await divisions.DeLEtablissementAsync(etablissement.Id, ct);
        var ciblables = acces.Ciblables;
        return TypedResults.Ok(new ContexteAgenda(etablissement.Uai, etablissement.Nom, acces.PeutCreer, acces.Gestionnaire,
            [.. toutes.Select(DivisionAgenda.De)], [.. toutes.Where(d => ciblables is null || ciblables.Contains(d.Id)).Select(d => d.Id)]));
    }
}
