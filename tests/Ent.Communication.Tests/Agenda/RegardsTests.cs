using Ent.Communication.Agenda;

namespace Ent.Communication.Tests.Agenda;

/// <summary>
/// The calendar's rules as a table, without a database: for each kind of regard and each audience, who sees the event,
/// who may change it.
/// </summary>
public sealed class RegardsTests
{
    private static readonly Guid Lycee = Guid.NewGuid();
    private static readonly Guid Voisin = Guid.NewGuid();
    private static readonly Guid Seconde1 = Guid.NewGuid();
    private static readonly Guid Terminale1 = Guid.NewGuid();
    private static readonly Guid Moi = Guid.NewGuid();

    private static LigneEvenement Evenement(Guid[] divisions, string[] profils, Guid? auteur = null, Guid? etablissement = null) =>
        new(Guid.NewGuid(), etablissement ?? Lycee, "autre", "Événement", null, null, new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 10), null, null,
            divisions, profils, auteur ?? Guid.NewGuid(), DateTimeOffset.UnixEpoch, 0);

    private static Regard Regard(Role role, params Guid[] divisions) => new(Lycee, role, divisions.ToHashSet(), role == Role.Famille ? "Léa" : null);

    public static TheoryData<string, string, bool> Cas() => new()
    {
        // A class's event for its families: the class's families and teaching team, the managers.
        { "classe-familles", "Famille", true },
        { "classe-familles", "Eleve", false },
        { "classe-familles", "Enseignant", true },
        { "classe-familles", "Personnel", false },
        { "classe-familles", "Gestionnaire", true },
        // Another class's event for everyone: nobody of 2NDE1 but the managers.
        { "autre-classe", "Famille", false },
        { "autre-classe", "Eleve", false },
        { "autre-classe", "Enseignant", false },
        { "autre-classe", "Personnel", false },
        { "autre-classe", "Gestionnaire", true },
        // The whole établissement, for its staff only.
        { "personnels", "Famille", false },
        { "personnels", "Eleve", false },
        { "personnels", "Enseignant", true },
        { "personnels", "Personnel", true },
        // The whole établissement, for pupils and families.
        { "tous-eleves-familles", "Eleve", true },
        { "tous-eleves-familles", "Famille", true },
        { "tous-eleves-familles", "Enseignant", false },
        // Another établissement's: nobody here.
        { "voisin", "Gestionnaire", false },
        { "voisin", "Famille", false },
    };

    private static LigneEvenement Nomme(string cas) => cas switch
    {
        "classe-familles" => Evenement([Seconde1], ["familles"]),
        "autre-classe" => Evenement([Terminale1], ["eleves", "familles", "personnels"]),
        "personnels" => Evenement([], ["personnels"]),
        "tous-eleves-familles" => Evenement([], ["eleves", "familles"]),
        "voisin" => Evenement([], ["eleves", "familles", "personnels"], etablissement: Voisin),
        _ => throw new ArgumentOutOfRangeException(nameof(cas)),
    };

    [Theory]
    [MemberData(nameof(Cas))]
    public void Chacun_voit_ce_qui_le_concerne(string cas, string qui, bool voit)
    {
        var role = Enum.Parse<Role>(qui);
        var regard = role is Role.Personnel or Role.Gestionnaire ? Regard(role) : Regard(role, Seconde1);
        Assert.Equal(voit, Regards.Voit(regard, Nomme(cas), Moi));
    }

    [Fact]
    public void Un_enseignant_voit_et_modifie_les_siens_la_direction_tous_et_la_famille_aucun()
    {
        var sien = Evenement([Terminale1], ["eleves"], auteur: Moi);
        var autre = Evenement([Seconde1], ["eleves"]);
        var enseignant = new[] { Regard(Role.Enseignant, Seconde1) };
        Assert.True(Regards.Voit(enseignant[0], sien, Moi));
        Assert.True(Regards.PeutModifier(enseignant, sien, Moi));
        Assert.False(Regards.PeutModifier(enseignant, autre, Moi));
        Assert.True(Regards.PeutModifier([Regard(Role.Gestionnaire)], autre, Moi));
        Assert.False(Regards.PeutModifier([Regard(Role.Famille, Seconde1)], autre, Moi));
        // Any staff member reads the whole calendar of their établissement (its page), not another's.
        Assert.True(Regards.PeutLire([Regard(Role.Personnel)], autre, Moi));
        Assert.False(Regards.PeutLire([Regard(Role.Personnel)], Evenement([], ["personnels"], etablissement: Voisin), Moi));
    }

    [Fact]
    public void Une_famille_de_deux_enfants_voit_pour_qui()
    {
        var regards = new[] { new Regard(Lycee, Role.Famille, new HashSet<Guid> { Seconde1 }, "Zoé"), new Regard(Lycee, Role.Famille, new HashSet<Guid> { Terminale1 }, "Adam") };
        string[] deux = ["Adam", "Zoé"], une = ["Zoé"];
        Assert.Equal(deux, Regards.Pour(regards, Evenement([], ["familles"]), Moi));
        Assert.Equal(une, Regards.Pour(regards, Evenement([Seconde1], ["familles"]), Moi));
        Assert.Empty(Regards.Pour(regards, Evenement([Seconde1], ["eleves"]), Moi));
    }
}
