using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ent.Communication.Agenda;

/// <summary>
/// The établissement named by a route's {uai} for one of its staff (teachers, personnel): 400 for a malformed UAI; 404
/// alike for an unknown établissement and for a caller who is not on its staff, so that nobody learns more than they may.
/// </summary>
internal sealed record AgendaEtablissement(EtablissementInfo? Etablissement, Guid PersonneId, IReadOnlyList<Regard> Regards, ValidationProblem? Invalide,
    ProblemHttpResult? Refus)
{
    public bool Gestionnaire => Etablissement is { } e && Regards.Any(r => r.EtablissementId == e.Id && r.Role == Role.Gestionnaire);

    /// <summary>The classes and groups a teacher may target; null for a manager, who may target any, the whole établissement included.</summary>
    public IReadOnlySet<Guid>? Ciblables => Gestionnaire || Etablissement is not { } e
        ? null
        : Regards.Where(r => r.EtablissementId == e.Id && r.Role == Role.Enseignant).SelectMany(r => r.Divisions).ToHashSet();

    /// <summary>Whether the caller may create events: managers, and teachers who teach at least one class or group.</summary>
    public bool PeutCreer => Gestionnaire || Ciblables is { Count: > 0 };

    public static async Task<AgendaEtablissement> VerifierAsync(string uai, ICurrentUser utilisateur, IAnnuaire annuaire, Regards regards,
        CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return new AgendaEtablissement(null, Guid.Empty, [], invalide, null);
        }

        var refus = introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        if (etablissement is null || utilisateur.PersonneId is not { } personneId)
        {
            return new AgendaEtablissement(null, Guid.Empty, [], null, refus);
        }

        var siens = await regards.DeAsync(personneId, ct);
        return siens.Any(r => r.EtablissementId == etablissement.Id && r.Personnel)
            ? new AgendaEtablissement(etablissement, personneId, siens, null, null)
            : new AgendaEtablissement(null, personneId, siens, null, refus);
    }
}
