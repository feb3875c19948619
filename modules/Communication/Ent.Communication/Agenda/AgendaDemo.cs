using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// The demo lycée's school calendar, computed from the school year of the clock (never fixed dates), so that the demo
/// shows a sensible calendar whatever the day: the rentrée, the holidays, the parents' meeting of the secondes, each
/// class's councils each term, the terminales' mock exam, an open day, an outing in the coming days, the end of the
/// year and next year's rentrée (what July and August look forward to). Each event has a stable key: a restart adds none.
/// </summary>
internal sealed class AgendaDemo(IAnnuaire annuaire, IDivisions divisions, TimeProvider clock) : IDemoData
{
    public int Order => 31;

    internal sealed record Prevu(string Cle, string Categorie, string Titre, string? Description, string? Lieu, DateOnly JourDebut, DateOnly JourFin,
        TimeOnly? HeureDebut, TimeOnly? HeureFin, Guid[] Divisions, string[] Profils);

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var aujourdhui = Calendrier.Aujourdhui(clock);
        var classes = (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).Where(d => d.Type == "classe").ToList();
        var prevus = Prevoir(aujourdhui, classes);
        var auteur = DemoIds.Of("compte", "direction");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var p in prevus)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO communication.evenement (id, etablissement_id, categorie, titre, description, lieu, jour_debut, jour_fin, heure_debut, heure_fin,
                                                     divisions, profils, auteur_id, cree_le, modifie_le, cle_demo)
                VALUES (@Id, @EtablissementId, @Categorie, @Titre, @Description, @Lieu, @JourDebut, @JourFin, @HeureDebut, @HeureFin,
                        @Divisions, @Profils, @Auteur, @Maintenant, @Maintenant, @Cle)
                ON CONFLICT (cle_demo) DO NOTHING
                """, new
            {
                Id = Guid.CreateVersion7(), EtablissementId = etablissement.Id, p.Categorie, p.Titre, p.Description, p.Lieu, p.JourDebut, p.JourFin,
                p.HeureDebut, p.HeureFin, p.Divisions, p.Profils, Auteur = auteur, Maintenant = clock.GetUtcNow(), p.Cle,
            }, cancellationToken: ct));
        }
    }

    /// <summary>The events of the school year holding <paramref name="aujourdhui"/> (September to August). Pure, for tests.</summary>
    internal static List<Prevu> Prevoir(DateOnly aujourdhui, IReadOnlyList<DivisionInfo> classes)
    {
        var debut = aujourdhui.Month >= 9 ? aujourdhui.Year : aujourdhui.Year - 1;
        var annee = $"{debut}-{debut + 1}";
        string[] tous = [Invites.Eleves, Invites.Familles, Invites.Personnels];
        string[] famillesEtPersonnels = [Invites.Familles, Invites.Personnels];
        Guid[] Niveau(string prefixe) => [.. classes.Where(c => c.Code.StartsWith(prefixe, StringComparison.Ordinal)).Select(c => c.Id)];
        var h = (int heures, int minutes) => (TimeOnly?)new TimeOnly(heures, minutes);

        var rentree = Prochain(new DateOnly(debut, 9, 1), DayOfWeek.Tuesday);
        var prevus = new List<Prevu>
        {
            new($"{annee}:rentree", "autre", "Rentrée des élèves", "Accueil des élèves par leur professeur principal selon l'horaire communiqué à chaque classe.",
                "Cour d'honneur", rentree, rentree, null, null, [], tous),
            new($"{annee}:reunion-secondes", "reunion_parents", "Réunion de rentrée des familles de seconde",
                "Présentation de l'année de seconde par l'équipe de direction, puis rencontre avec les professeurs principaux.", "Salle polyvalente",
                Prochain(rentree.AddDays(14), DayOfWeek.Thursday), Prochain(rentree.AddDays(14), DayOfWeek.Thursday), h(17, 30), h(19, 30), Niveau("2"),
                famillesEtPersonnels),
            Vacances(annee, "toussaint", "Vacances de la Toussaint", Prochain(new DateOnly(debut, 10, 17), DayOfWeek.Saturday), 15),
            Vacances(annee, "noel", "Vacances de Noël", Prochain(new DateOnly(debut, 12, 18), DayOfWeek.Saturday), 15),
            Vacances(annee, "hiver", "Vacances d'hiver", Prochain(new DateOnly(debut + 1, 2, 7), DayOfWeek.Saturday), 15),
            Vacances(annee, "printemps", "Vacances de printemps", Prochain(new DateOnly(debut + 1, 4, 4), DayOfWeek.Saturday), 15),
            new($"{annee}:bac-blanc", "examen", "Baccalauréat blanc des terminales", "Épreuves de spécialité et de philosophie ; les convocations précisent les salles.",
                "Gymnase", Prochain(new DateOnly(debut + 1, 1, 12), DayOfWeek.Monday), Prochain(new DateOnly(debut + 1, 1, 12), DayOfWeek.Monday).AddDays(2),
                null, null, Niveau("T"), tous),
            new($"{annee}:portes-ouvertes", "autre", "Journée portes ouvertes", "Visite du lycée et rencontre des équipes pour les futurs élèves et leurs familles.",
                "Hall d'accueil", Prochain(new DateOnly(debut + 1, 3, 1), DayOfWeek.Saturday), Prochain(new DateOnly(debut + 1, 3, 1), DayOfWeek.Saturday),
                h(9, 0), h(13, 0), [], tous),
            new($"{annee}:eaf", "examen", "Épreuve anticipée de français (écrit)", null, "Centre d'examen indiqué sur la convocation",
                Prochain(new DateOnly(debut + 1, 6, 12), DayOfWeek.Friday), Prochain(new DateOnly(debut + 1, 6, 12), DayOfWeek.Friday), h(8, 0), h(12, 0),
                Niveau("1"), tous),
            new($"{annee}:fin-des-cours", "autre", "Fin des cours", "Dernier jour de cours de l'année scolaire.", null,
                Prochain(new DateOnly(debut + 1, 7, 1), DayOfWeek.Saturday), Prochain(new DateOnly(debut + 1, 7, 1), DayOfWeek.Saturday), null, null, [], tous),
            // July and August look forward to the next rentrée.
            new($"{debut + 1}-{debut + 2}:rentree", "autre", "Rentrée des élèves", "Les horaires d'accueil de chaque classe seront publiés fin août.",
                "Cour d'honneur", Prochain(new DateOnly(debut + 1, 9, 1), DayOfWeek.Tuesday), Prochain(new DateOnly(debut + 1, 9, 1), DayOfWeek.Tuesday),
                null, null, [], tous),
        };

        // Each class's council, one a weekday from the first Monday of December, March and June.
        foreach (var (trimestre, mois) in new[] { (1, 12), (2, 3), (3, 6) })
        {
            var jour = Prochain(new DateOnly(mois == 12 ? debut : debut + 1, mois, 1), DayOfWeek.Monday);
            foreach (var classe in classes.OrderBy(c => c.Code, StringComparer.Ordinal))
            {
                prevus.Add(new($"{annee}:conseil-{trimestre}:{classe.Code}", "conseil_classe", $"Conseil de classe — {classe.Libelle} ({trimestre}ᵉ trimestre)",
                    "Les délégués des élèves et des parents y participent.", "Salle du conseil", jour, jour, h(17, 0), h(18, 30), [classe.Id], famillesEtPersonnels));
                jour = jour.DayOfWeek == DayOfWeek.Friday ? jour.AddDays(3) : jour.AddDays(1);
            }
        }

        // An outing in the coming days, whatever the day: the calendar always has something near.
        var sortie = Ouvre(aujourdhui.AddDays(9));
        if (classes.FirstOrDefault(c => c.Code.StartsWith('2')) is { } seconde)
        {
            prevus.Add(new($"{annee}:sortie:{seconde.Code}", "sortie", $"Sortie au musée d'Orsay — {seconde.Libelle}",
                "Départ en car devant le lycée. Prévoir un pique-nique et un titre de transport.", "Musée d'Orsay, Paris", sortie, sortie, h(8, 30), h(16, 30),
                [seconde.Id], tous));
        }

        return prevus;

        Prevu Vacances(string a, string cle, string titre, DateOnly samedi, int jours) =>
            new($"{a}:vacances-{cle}", "vacances", titre, "Reprise des cours le lundi matin.", null, samedi, samedi.AddDays(jours), null, null, [], tous);
    }

    /// <summary>The first <paramref name="jour"/> on or after <paramref name="date"/>.</summary>
    private static DateOnly Prochain(DateOnly date, DayOfWeek jour) => date.AddDays(((int)jour - (int)date.DayOfWeek + 7) % 7);

    /// <summary>The date, or the Monday after when it falls on a week-end.</summary>
    private static DateOnly Ouvre(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };
}
