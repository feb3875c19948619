using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// Who may take or read a lesson's roll call: the service's teacher, or the établissement's vie scolaire desk (CPE,
/// direction). Anyone else gets 404, as if the service did not exist.
/// </summary>
internal sealed record CoursAutorise(ServiceInfo Service, bool ParLaVieScolaire)
{
    public static async Task<CoursAutorise?> TrouverAsync(Guid serviceId, Guid personneId, IServicesEnseignement services, IReglesAcces regles,
        CancellationToken ct)
    {
        if (await services.TrouverAsync(serviceId, ct) is not { } service)
        {
            return null;
        }

        if (service.EnseignantId == personneId)
        {
            return new CoursAutorise(service, ParLaVieScolaire: false);
        }

        return await regles.PeutSuivreVieScolaireAsync(personneId, service.EtablissementId, ct) ? new CoursAutorise(service, ParLaVieScolaire: true) : null;
    }

    /// <summary>A teacher corrects a roll call the lesson's day only; the desk, any day.</summary>
    public bool PeutModifier(DateTimeOffset debut, Horaires horaires) => ParLaVieScolaire || horaires.Jour(debut) == horaires.Aujourdhui;
}
