using Ent.Kernel.Http;
using Ent.Scolarite.Periodes;

namespace Ent.Scolarite.Evaluations;

/// <summary>An assessment as the teacher creates or changes it.</summary>
/// <param name="Date">The day it took place; it decides the period.</param>
/// <param name="Titre">Title, e.g. « Contrôle n° 2 — fonctions affines ».</param>
/// <param name="Bareme">The maximum mark (20 when absent): any value up to 1000, e.g. 10 or 40.</param>
/// <param name="Coefficient">Weight within the subject (1 when absent).</param>
/// <param name="Mode">normale (default), bonus (only the points above 10/20 count) or facultative (counts only when it raises the average).</param>
/// <param name="CompteDansMoyenne">False to show the marks without counting them (default true).</param>
/// <param name="Publication">Families see the grades from this day; absent: as soon as they are saved.</param>
internal sealed record DonneesEvaluation(
    DateOnly? Date, string? Titre, decimal? Bareme, decimal? Coefficient, string? Mode, bool? CompteDansMoyenne, DateOnly? Publication)
{
    public static readonly string[] Modes = ["normale", "bonus", "facultative"];

    /// <summary>Field errors, and the period the date falls in (null when none does, which is an error).</summary>
    public (Erreurs Erreurs, Periode? Periode) Valider(IReadOnlyList<Periode> periodes)
    {
        var erreurs = new Erreurs();
        Periode? periode = null;
        if (Date is not { } date)
        {
            erreurs.Add("date", "La date de l'évaluation est obligatoire.");
        }
        else
        {
            periode = periodes.FirstOrDefault(p => p.Debut <= date && date <= p.Fin);
            if (periode is null)
            {
                erreurs.Add("date", periodes.Count == 0
                    ? "L'établissement n'a pas encore défini les périodes de l'année (trimestres ou semestres)."
                    : "La date ne tombe dans aucune période de l'année scolaire.");
            }
        }

        if (string.IsNullOrWhiteSpace(Titre) || Titre.Trim().Length > 200)
        {
            erreurs.Add("titre", "Le titre est obligatoire (200 caractères au plus).");
        }

        if (Bareme is { } bareme && (bareme <= 0 || bareme > 1000 || decimal.Round(bareme, 2) != bareme))
        {
            erreurs.Add("bareme", "Le barème est un nombre positif d'au plus 1000, à deux décimales au plus.");
        }

        if (Coefficient is { } coefficient && (coefficient <= 0 || coefficient > 100 || decimal.Round(coefficient, 2) != coefficient))
        {
            erreurs.Add("coefficient", "Le coefficient est un nombre positif d'au plus 100, à deux décimales au plus.");
        }

        if (Mode is not null && !Modes.Contains(Mode))
        {
            erreurs.Add("mode", "Le mode est « normale », « bonus » ou « facultative ».");
        }

        if (Publication is { } publication && Date is { } jour && publication < jour)
        {
            erreurs.Add("publication", "La date de publication ne peut précéder la date de l'évaluation.");
        }

        return (erreurs, periode);
    }

    public object Parametres(Guid id, Guid serviceId, Guid periodeId, Guid auteurId) => new
    {
        id,
        serviceId,
        periodeId,
        date = Date!.Value,
        titre = Titre!.Trim(),
        bareme = Bareme ?? 20m,
        coefficient = Coefficient ?? 1m,
        mode = Mode ?? "normale",
        compteDansMoyenne = CompteDansMoyenne ?? true,
        publication = Publication,
        auteurId,
    };
}
