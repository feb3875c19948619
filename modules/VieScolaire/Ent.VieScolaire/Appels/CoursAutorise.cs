using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// Who may take or read a lesson's roll call: the service's teacher; the teacher who replaces them for that lesson (the
/// timetable's change, read through <see cref="IEmploiDuTemps"/>: the lesson starting at <c>debut</c> is taught by them);
/// or the établissement's vie scolaire desk (CPE, direction). Anyone else gets 404, as if the service did not exist.
/// The usual teacher keeps the right on a replaced lesson: the roll call is one per lesson, whoever takes it, and a
/// colleague's absence entered late must not lock them out of their own class's sheet.
/// </summary>
internal sealed record CoursAutorise(ServiceInfo Service, bool ParLaVieScolaire)
{
    public static async Task<CoursAutorise?> TrouverAsync(Guid serviceId, Guid personneId, DateTimeOffset? debut, IServicesEnseignement services,
        IReglesAcces regles, IEmploiDuTemps edt, Horaires horaires, CancellationToken ct)
    {
        if (await services.TrouverAsync(serviceId, ct) is not { } service)
        {
            return null;
        }

        if (service.EnseignantId == personneId)
        {
            return new CoursAutorise(service, ParLaVieScolaire: false);
        }

        if (debut is { } d)
        {
            var jour = horaires.Jour(d);
            var cours = await edt.DesServicesAsync([serviceId], jour, jour, ct);
            if (cours.Any(c => c.Debut == d && c.EnseignantId == personneId && c.Statut != StatutCours.Annule))
            {
                return new CoursAutorise(service, ParLaVieScolaire: false);
            }
        }

        return await regles.PeutSuivreVieScolaireAsync(personneId, service.EtablissementId, ct) ? new CoursAutorise(service, ParLaVieScolaire: true) : null;
    }

    /// <summary>A teacher corrects a roll call the lesson's day only; the desk, any day.</summary>
    public bool PeutModifier(DateTimeOffset debut, Horaires horaires) => ParLaVieScolaire || horaires.Jour(debut) == horaires.Aujourdhui;
}
