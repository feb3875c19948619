using Dapper;
using Ent.Identite.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>
/// The access rules against the demo lycée: for each person standing in some way to a pupil of 2NDE1 (also in the
/// Spanish group ESP2), what they may read and write in each domain.
/// </summary>
public sealed class ReglesAccesTests(AccesApp app) : IClassFixture<AccesApp>
{
    private IReglesAcces Regles => app.Services.GetRequiredService<IReglesAcces>();

    // Domains by their initial: T travail scolaire, V vie scolaire, S santé, M messages, I identité.
    private static readonly (string Qui, string Lire, string Ecrire)[] Attendus =
    [
        ("élève", "TVSMI", "M"),
        ("autre élève", "", ""),
        ("responsable légal", "TVSMI", "VM"),
        ("responsable non légal", "", ""),
        ("responsable d'un autre élève", "", ""),
        ("enseignant de la classe", "TV", "TV"),
        ("enseignant du groupe", "TV", "TV"),
        ("enseignant d'une autre classe", "", ""),
        ("cpe", "TVI", "V"),
        ("cpe d'un autre établissement", "", ""),
        ("direction", "TVI", "V"),
        ("infirmier", "S", "S"),
        ("administrateur de la région", "", ""),
    ];

    private static readonly Dictionary<char, Domaine> Initiales = new()
    {
        ['T'] = Domaine.TravailScolaire,
        ['V'] = Domaine.VieScolaire,
        ['S'] = Domaine.Sante,
        ['M'] = Domaine.Messages,
        ['I'] = Domaine.Identite,
    };

    public static TheoryData<string, Domaine, string, bool> Matrice()
    {
        var data = new TheoryData<string, Domaine, string, bool>();
        foreach (var (qui, lire, ecrire) in Attendus)
        {
            foreach (var (initiale, domaine) in Initiales)
            {
                data.Add(qui, domaine, "lire", lire.Contains(initiale, StringComparison.Ordinal));
                data.Add(qui, domaine, "écrire", ecrire.Contains(initiale, StringComparison.Ordinal));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrice))]
    public async Task Who_may_read_and_write_what_of_a_pupil(string qui, Domaine domaine, string action, bool attendu)
    {
        var personne = app.Personnes[qui];
        var eleve = app.Personnes["élève"];

        var permis = action == "lire"
            ? await Regles.PeutLireAsync(personne, eleve, domaine, CancellationToken.None)
            : await Regles.PeutEcrireAsync(personne, eleve, domaine, CancellationToken.None);

        Assert.Equal(attendu, permis);
    }

    /// <summary>The one-go answer (used by /me) says exactly what the domain-by-domain answer says.</summary>
    [Fact]
    public async Task Readable_domains_in_one_go_match_the_table()
    {
        foreach (var (qui, lire, _) in Attendus)
        {
            var lisibles = await Regles.DomainesLisiblesAsync(app.Personnes[qui], app.Personnes["élève"], CancellationToken.None);
            Assert.True(lire.Select(c => Initiales[c]).ToHashSet().SetEquals(lisibles), $"{qui}: {string.Join(",", lisibles)}");
        }
    }

    /// <summary>
    /// Another school year's data (last year's grades, report cards, absences): the table's reads less teaching's, which
    /// holds for the year taught only. The teacher of the class this year reads nothing of another year.
    /// </summary>
    [Fact]
    public async Task Another_years_data_is_read_as_this_years_without_teaching()
    {
        foreach (var (qui, lire, _) in Attendus)
        {
            var attendu = qui.StartsWith("enseignant", StringComparison.Ordinal) ? "" : lire;
            foreach (var (initiale, domaine) in Initiales)
            {
                Assert.True(attendu.Contains(initiale, StringComparison.Ordinal)
                            == await Regles.PeutLireAutreAnneeAsync(app.Personnes[qui], app.Personnes["élève"], domaine, CancellationToken.None),
                    $"{qui}, {domaine}");
            }
        }
    }

    [Fact]
    public async Task The_teacher_of_a_group_sees_only_its_pupils_not_the_rest_of_their_classes()
    {
        var prof = app.Personnes["enseignant du groupe"];

        Assert.True(await Regles.PeutLireAsync(prof, app.Personnes["élève"], Domaine.TravailScolaire, CancellationToken.None));
        Assert.False(await Regles.PeutLireAsync(prof, app.Personnes["élève hors groupe"], Domaine.TravailScolaire, CancellationToken.None));
    }

    [Fact]
    public async Task The_teacher_of_another_class_sees_the_pupils_of_their_own()
    {
        // prof.12 teaches TG1, where the other pupil is: the matrix's "no" is about the class, not about prof.12.
        Assert.True(await Regles.PeutLireAsync(app.Personnes["enseignant d'une autre classe"], app.Personnes["autre élève"],
            Domaine.VieScolaire, CancellationToken.None));
    }

    [Fact]
    public async Task A_guardian_sees_their_child_but_no_one_else()
    {
        var parent = app.Personnes["responsable légal"];

        Assert.True(await Regles.PeutLireAsync(parent, app.Personnes["élève"], Domaine.Sante, CancellationToken.None));
        Assert.False(await Regles.PeutLireAsync(parent, app.Personnes["autre élève"], Domaine.Sante, CancellationToken.None));
        Assert.False(await Regles.PeutLireAsync(parent, parent, Domaine.Identite, CancellationToken.None));
    }

    /// <summary>What only a family does for its child (justifying an absence): the legal guardians, nobody else.</summary>
    [Fact]
    public async Task Only_legal_guardians_stand_as_the_family()
    {
        foreach (var (qui, _, _) in Attendus)
        {
            Assert.Equal(qui == "responsable légal",
                await Regles.EstResponsableLegalAsync(app.Personnes[qui], app.Personnes["élève"], CancellationToken.None));
        }
    }

    /// <summary>
    /// A profile the directory withdrew (the CPE left for another lycée: the import sets retire_le, keeps the row) gives
    /// no right any more, and gives it back when a later import brings the profile back.
    /// </summary>
    [Fact]
    public async Task A_withdrawn_staff_profile_gives_no_right()
    {
        var cpe = app.Personnes["cpe"];
        var eleve = app.Personnes["élève"];
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        const string retirer = "UPDATE identite.rattachement SET retire_le = @le WHERE personne_id = @cpe AND profil = 'personnel'";
        Assert.Equal(1, await conn.ExecuteAsync(retirer, new { cpe, le = (DateTimeOffset?)DateTimeOffset.UtcNow }));
        try
        {
            Assert.False(await Regles.PeutLireAsync(cpe, eleve, Domaine.VieScolaire, CancellationToken.None));
            Assert.False(await Regles.PeutEcrireAsync(cpe, eleve, Domaine.VieScolaire, CancellationToken.None));
            Assert.Empty(await Regles.DomainesLisiblesAsync(cpe, eleve, CancellationToken.None));
        }
        finally
        {
            await conn.ExecuteAsync(retirer, new { cpe, le = (DateTimeOffset?)null });
        }

        Assert.True(await Regles.PeutLireAsync(cpe, eleve, Domaine.VieScolaire, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_pupil_is_seen_by_no_one()
    {
        foreach (var qui in new[] { "cpe", "direction", "infirmier", "enseignant de la classe" })
        {
            Assert.False(await Regles.PeutLireAsync(app.Personnes[qui], Guid.NewGuid(), Domaine.Sante, CancellationToken.None));
            Assert.False(await Regles.PeutLireAsync(app.Personnes[qui], Guid.NewGuid(), Domaine.VieScolaire, CancellationToken.None));
        }
    }

    /// <summary>
    /// Health (issue 18): a pupil reads their own health record from 15 years old, to the day; before, their legal
    /// guardians and the nurse do, not them. Everything else of theirs they read at any age.
    /// </summary>
    [Fact]
    public async Task A_pupil_reads_their_own_health_record_from_15_years_old()
    {
        var eleve = app.Personnes["élève hors groupe"];
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var avant = await conn.ExecuteScalarAsync<DateTime?>("SELECT date_naissance FROM identite.personne WHERE id = @eleve", new { eleve });
        const string naissance = "UPDATE identite.personne SET date_naissance = @date WHERE id = @eleve";
        try
        {
            // 15 tomorrow: not yet.
            await conn.ExecuteAsync(naissance, new { eleve, date = (DateOnly?)aujourdhui.AddYears(-15).AddDays(1) });
            Assert.False(await Regles.PeutLireAsync(eleve, eleve, Domaine.Sante, CancellationToken.None));
            Assert.DoesNotContain(Domaine.Sante, await Regles.DomainesLisiblesAsync(eleve, eleve, CancellationToken.None));
            Assert.True(await Regles.PeutLireAsync(eleve, eleve, Domaine.VieScolaire, CancellationToken.None));
            Assert.True(await Regles.PeutLireAsync(app.Personnes["infirmier"], eleve, Domaine.Sante, CancellationToken.None));

            // 15 today: yes.
            await conn.ExecuteAsync(naissance, new { eleve, date = (DateOnly?)aujourdhui.AddYears(-15) });
            Assert.True(await Regles.PeutLireAsync(eleve, eleve, Domaine.Sante, CancellationToken.None));
            Assert.Contains(Domaine.Sante, await Regles.DomainesLisiblesAsync(eleve, eleve, CancellationToken.None));
        }
        finally
        {
            await conn.ExecuteAsync(naissance, new { eleve, date = avant });
        }
    }
}
