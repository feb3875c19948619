using System.Globalization;
using Ent.Communication.Audiences;
using Ent.Communication.Contracts;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// Tells the people an event concerns (<see cref="ResolutionAudience.ConcernesParEvenementAsync"/>) that it was added,
/// changed or cancelled: one in-app notification each, queued through the outbox in the transaction of the change, with
/// a link to the event. Not for an event already over (nobody needs it), not for whoever made the change, and not for a
/// change nobody acts on: only the date and times, the place and the title are news — a corrected description or
/// category is not (the calendar shows it at once, and a notification per typo would teach families to ignore them).
/// When a change narrows the audience, those it no longer concerns are told it left their calendar; those it newly
/// concerns are told of it as of a new event. Idempotency keys: « evenement:{id}:{sequence}:{personne}:application »
/// (each change raises the sequence), « evenement:{id}:annule:{personne}:application » for the cancellation.
/// </summary>
internal sealed class NotificationsAgenda(ResolutionAudience audiences, IMessagerie messagerie, TimeProvider clock)
{
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A new event: everyone it concerns.</summary>
    public async Task CreeAsync(LigneEvenement e, Guid auteurId, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (Passe(e))
        {
            return;
        }

        var concernes = await ConcernesAsync(e, auteurId, ct);
        await messagerie.PlanifierAsync([.. concernes.Select(p => Nouveau(e, p))], conn, tx, ct);
    }

    /// <summary>A changed event: what changed, to those it concerned and concerns.</summary>
    public async Task ModifieAsync(LigneEvenement avant, LigneEvenement apres, Guid auteurId, NpgsqlConnection conn, NpgsqlTransaction tx,
        CancellationToken ct)
    {
        var memeAudience = avant.Divisions.Order().SequenceEqual(apres.Divisions.Order()) && avant.Profils.Order(StringComparer.Ordinal)
            .SequenceEqual(apres.Profils.Order(StringComparer.Ordinal));
        var changements = Changements(avant, apres);
        if (memeAudience && changements.Count == 0)
        {
            return;
        }

        var nouveaux = Passe(apres) ? [] : await ConcernesAsync(apres, auteurId, ct);
        var anciens = memeAudience ? nouveaux : Passe(avant) ? [] : await ConcernesAsync(avant, auteurId, ct);
        var dejaConcernes = anciens.ToHashSet();
        var messages = new List<MessageSortant>();
        if (changements.Count > 0)
        {
            var texte = string.Join(" ", changements);
            messages.AddRange(nouveaux.Where(dejaConcernes.Contains).Select(p => Message(apres, p, apres.Sequence.ToString(CultureInfo.InvariantCulture),
                $"Agenda modifié : {apres.Titre}", texte, Lien(apres))));
        }

        messages.AddRange(nouveaux.Where(p => !dejaConcernes.Contains(p)).Select(p => Nouveau(apres, p)));
        var restent = nouveaux.ToHashSet();
        messages.AddRange(anciens.Where(p => !restent.Contains(p)).Select(p => Message(avant, p, apres.Sequence.ToString(CultureInfo.InvariantCulture),
            $"Agenda : {avant.Titre}", $"L'événement prévu {Quand(avant)} ne figure plus dans votre agenda.", "/agenda")));
        await messagerie.PlanifierAsync(messages, conn, tx, ct);
    }

    /// <summary>A cancelled (deleted) event: everyone it concerned.</summary>
    public async Task AnnuleAsync(LigneEvenement e, Guid auteurId, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (Passe(e))
        {
            return;
        }

        var concernes = await ConcernesAsync(e, auteurId, ct);
        await messagerie.PlanifierAsync([.. concernes.Select(p => Message(e, p, "annule", $"Annulé : {e.Titre}",
            $"L'événement prévu {Quand(e)}{Ou(e)} est annulé.", "/agenda"))], conn, tx, ct);
    }

    /// <summary>Over: its last day is before today (Paris).</summary>
    private bool Passe(LigneEvenement e) => e.JourFin < Calendrier.Aujourdhui(clock);

    private async Task<List<Guid>> ConcernesAsync(LigneEvenement e, Guid auteurId, CancellationToken ct) =>
        [.. (await audiences.ConcernesParEvenementAsync(e.EtablissementId, e.Divisions, e.Profils, ct)).Where(p => p != auteurId)];

    private static MessageSortant Nouveau(LigneEvenement e, Guid personneId) => Message(e, personneId, e.Sequence.ToString(CultureInfo.InvariantCulture),
        $"Agenda : {e.Titre}", $"Nouvel événement {Quand(e)}{Ou(e)}.", Lien(e));

    private static MessageSortant Message(LigneEvenement e, Guid personneId, string version, string sujet, string texte, string lien) =>
        new(Canal.Application, null, personneId, Tronquer(sujet, 200), Tronquer(texte, 600), $"evenement:{e.Id}:{version}:{personneId}:application",
            null, e.EtablissementId, "agenda", lien);

    /// <summary>The calendar's page at the event's month, the event named (the page opens three months from a month).</summary>
    internal static string Lien(LigneEvenement e) => $"/agenda?jour={e.JourDebut:yyyy-MM-dd}&evenement={e.Id}";

    /// <summary>What changed that people act on, in French sentences.</summary>
    internal static List<string> Changements(LigneEvenement avant, LigneEvenement apres)
    {
        var changements = new List<string>();
        if (Quand(avant) != Quand(apres))
        {
            changements.Add($"Nouvelle date : {Quand(apres)} (auparavant : {Quand(avant)}).");
        }

        if (avant.Lieu != apres.Lieu)
        {
            changements.Add(apres.Lieu is null ? $"Lieu : plus de lieu indiqué (auparavant : {avant.Lieu})."
                : avant.Lieu is null ? $"Lieu : {apres.Lieu}." : $"Nouveau lieu : {apres.Lieu} (auparavant : {avant.Lieu}).");
        }

        if (avant.Titre != apres.Titre)
        {
            changements.Add($"Nouveau titre : {apres.Titre} (auparavant : {avant.Titre}).");
        }

        return changements;
    }

    /// <summary>« le mardi 3 mars 2027 de 17:30 à 19:00 », « du lundi 20 avril 2026 au vendredi 24 avril 2026 »…</summary>
    internal static string Quand(LigneEvenement e)
    {
        string Jour(DateOnly d) => d.ToString("dddd d MMMM yyyy", Francais);
        string Heure(TimeOnly h) => h.ToString("HH:mm", CultureInfo.InvariantCulture);
        return (e.JourDebut == e.JourFin, e.HeureDebut, e.HeureFin) switch
        {
            (true, { } debut, { } fin) => $"le {Jour(e.JourDebut)} de {Heure(debut)} à {Heure(fin)}",
            (true, _, _) => $"le {Jour(e.JourDebut)}",
            (false, { } debut, { } fin) => $"du {Jour(e.JourDebut)} à {Heure(debut)} au {Jour(e.JourFin)} à {Heure(fin)}",
            _ => $"du {Jour(e.JourDebut)} au {Jour(e.JourFin)}",
        };
    }

    private static string Ou(LigneEvenement e) => e.Lieu is null ? string.Empty : $" ({e.Lieu})";

    private static string Tronquer(string texte, int max) => texte.Length <= max ? texte : texte[..(max - 1)] + "…";
}
