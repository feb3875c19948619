using System.Security.Claims;
using Ent.Identite.EduConnect;

namespace Ent.Identite.Tests;

/// <summary>EduConnect's vectors (profil|nom|prenom|eleveId|UAI), its claims, and names compared as people write them.</summary>
public sealed class VecteurTests
{
    [Fact]
    public void A_well_formed_guardian_vector_names_a_child()
    {
        Assert.True(Vecteur.TryParse("1|MICHEL|Gabriel|9000001|0750000A", out var vecteur));

        Assert.Equal(new Vecteur(1, "MICHEL", "Gabriel", "9000001", "0750000A"), vecteur);
        Assert.True(vecteur.DeResponsable);
        Assert.False(vecteur.DEleve);
    }

    [Fact]
    public void Spaces_around_fields_and_a_lower_case_uai_are_tolerated()
    {
        Assert.True(Vecteur.TryParse(" 4 | Da Silva | Zoé | 9000042 | 0750000a ", out var vecteur));

        Assert.Equal(new Vecteur(4, "Da Silva", "Zoé", "9000042", "0750000A"), vecteur);
        Assert.True(vecteur.DEleve);
    }

    [Fact]
    public void Names_may_be_empty_since_the_pupil_id_and_uai_identify()
    {
        Assert.True(Vecteur.TryParse("2|||9000001|0750000A", out var vecteur));
        Assert.Equal(string.Empty, vecteur.Nom);
    }

    [Theory]
    [InlineData(1, true, false)]
    [InlineData(2, true, false)]
    [InlineData(3, false, true)]
    [InlineData(4, false, true)]
    public void Profil_1_and_2_are_guardians_3_and_4_pupils(int profil, bool responsable, bool eleve)
    {
        Assert.True(Vecteur.TryParse($"{profil}|Nom|Prénom|9000001|0750000A", out var vecteur));
        Assert.Equal(profil, vecteur.Profil);
        Assert.Equal(responsable, vecteur.DeResponsable);
        Assert.Equal(eleve, vecteur.DEleve);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0|Nom|Prénom|9000001|0750000A")] // profil outside 1–4
    [InlineData("5|Nom|Prénom|9000001|0750000A")]
    [InlineData("12|Nom|Prénom|9000001|0750000A")]
    [InlineData("a|Nom|Prénom|9000001|0750000A")]
    [InlineData("|Nom|Prénom|9000001|0750000A")]
    [InlineData("1|Nom|Prénom||0750000A")] // no pupil id
    [InlineData("1|Nom|Prénom|90 00001|0750000A")]
    [InlineData("1|Nom|Prénom|9000001|")] // no UAI
    [InlineData("1|Nom|Prénom|9000001|075000A")]
    [InlineData("1|Nom|Prénom|9000001")] // four fields
    [InlineData("1|Nom|Prénom|9000001|0750000A|extra")] // six fields
    [InlineData("1;Nom;Prénom;9000001;0750000A")]
    public void A_malformed_vector_is_refused_whole(string? texte)
    {
        Assert.False(Vecteur.TryParse(texte, out _));
    }

    [Theory]
    [InlineData("Élodie", "ELODIE")]
    [InlineData("Jean-Pierre", "jean pierre")]
    [InlineData("Jean  Pierre ", " JEAN-PIERRE")]
    [InlineData("N'Diaye", "N DIAYE")]
    [InlineData("Lætitia", "LAETITIA")]
    [InlineData("Cœur", "COEUR")]
    [InlineData("Maëlys", "Maelys")]
    [InlineData("Traoré", "TRAORE")]
    public void Names_compare_without_accents_case_hyphens_or_double_spaces(string a, string b)
    {
        Assert.Equal(NomsComparables.Normaliser(a), NomsComparables.Normaliser(b));
    }

    [Theory]
    [InlineData("Martin", "Léa", "MARTIN", "LEA", true)]
    [InlineData("Martin", "Léa", "Martin", "Léo", false)]
    [InlineData("Martin", "Léa", "Martins", "Léa", false)]
    [InlineData("Martin", "", "Martin", "", false)] // an empty name never matches
    [InlineData("Da Silva", "Anne-Marie", "DA-SILVA", "Anne Marie", true)]
    public void Same_person_needs_both_names(string nomA, string prenomA, string nomB, string prenomB, bool meme)
    {
        Assert.Equal(meme, NomsComparables.MemePersonne(nomA, prenomA, nomB, prenomB));
    }

    [Fact]
    public void Claims_are_read_from_oidc_names_or_from_the_handler_s_mapped_names()
    {
        var personne = EduConnectClaims.Lire(
        [
            new Claim(ClaimTypes.NameIdentifier, "sujet-1"),
            new Claim("FrEduCtId", "ec-42"),
            new Claim("FrEduCtPersonAffiliation", "RESP2D"),
            new Claim(ClaimTypes.Surname, "Michel"),
            new Claim(ClaimTypes.GivenName, "Philippe"),
            new Claim("FrEduVecteur", "1|MICHEL|Gabriel|9000001|0750000A"),
            new Claim("FrEduVecteur", "1|MICHEL|Gabriel|9000061|0750000A"),
            new Claim("FrEduVecteur", "1|MICHEL|Gabriel|9000061|0750000A"), // the same twice counts once
            new Claim("FrEduVecteur", "n'importe quoi"),
        ]);

        Assert.Equal("sujet-1", personne.Sujet);
        Assert.Equal("ec-42", personne.FrEduCtId);
        Assert.True(personne.EstResponsable);
        Assert.False(personne.EstEleve);
        Assert.Equal(("Michel", "Philippe"), (personne.Nom, personne.Prenom));
        Assert.Equal(["9000001", "9000061"], personne.Vecteurs.Select(v => v.EleveId));
        Assert.Equal(1, personne.VecteursInvalides);
    }

    [Fact]
    public void A_pupil_s_ine_and_uai_are_normalised_and_a_bad_uai_dropped()
    {
        var eleve = EduConnectClaims.Lire(
        [
            new Claim("sub", "s"), new Claim("FrEduCtPersonAffiliation", "eleve2d"),
            new Claim("FrEduCtEleveINE", "0100000001b"), new Claim("FrEduCtEleveUAI", "0750000a"),
        ]);
        var uaiInvalide = EduConnectClaims.Lire([new Claim("sub", "s"), new Claim("FrEduCtEleveUAI", "Paris")]);

        Assert.True(eleve.EstEleve);
        Assert.Equal("0100000001B", eleve.Ine);
        Assert.Equal("0750000A", eleve.Uai);
        Assert.Null(uaiInvalide.Uai);
        Assert.False(uaiInvalide.EstEleve || uaiInvalide.EstResponsable);
    }
}
