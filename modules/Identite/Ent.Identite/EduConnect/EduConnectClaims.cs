using System.Security.Claims;
using Ent.Identite.Contracts;

namespace Ent.Identite.EduConnect;

/// <summary>
/// The claim types EduConnect releases that matching reads. Names and given names come as the standard OIDC claims;
/// the .NET handler renames those (and <c>sub</c>) unless <c>MapInboundClaims</c> is off, so the long forms are read too.
/// </summary>
internal static class EduConnectClaims
{
    public const string Sujet = "sub";
    public const string Id = "FrEduCtId";
    public const string Affiliation = "FrEduCtPersonAffiliation";
    public const string EleveIne = "FrEduCtEleveINE";
    public const string EleveUai = "FrEduCtEleveUAI";

    /// <summary>One claim per child (or per pupil self): <c>profil|nom|prenom|eleveId|UAI</c>. Multi-valued.</summary>
    public const string Vecteur = "FrEduVecteur";

    public const string Nom = "family_name";
    public const string Prenom = "given_name";

    private static readonly string[] NomTypes = [Nom, "sn", ClaimTypes.Surname];
    private static readonly string[] PrenomTypes = [Prenom, "givenName", ClaimTypes.GivenName];
    private static readonly string[] SujetTypes = [Sujet, ClaimTypes.NameIdentifier];

    /// <summary>Reads the person from a validated id_token's (or userinfo's) claims. Malformed vectors are kept apart.</summary>
    public static PersonneEduConnect Lire(IEnumerable<Claim> claims)
    {
        var liste = claims as IReadOnlyCollection<Claim> ?? [.. claims];

        string? Premier(params string[] types) =>
            types.Select(t => liste.FirstOrDefault(c => c.Type == t)?.Value)
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        var vecteurs = new List<Vecteur>();
        var invalides = 0;
        foreach (var valeur in liste.Where(c => c.Type == Vecteur).Select(c => c.Value))
        {
            if (EduConnect.Vecteur.TryParse(valeur, out var vecteur))
            {
                vecteurs.Add(vecteur);
            }
            else
            {
                invalides++;
            }
        }

        var uai = Premier(EleveUai);
        return new PersonneEduConnect(
            Sujet: Premier(SujetTypes) ?? string.Empty,
            FrEduCtId: Premier(Id),
            Affiliation: Premier(Affiliation)?.ToLowerInvariant(),
            Nom: Premier(NomTypes),
            Prenom: Premier(PrenomTypes),
            Ine: Premier(EleveIne)?.ToUpperInvariant(),
            Uai: uai is not null && Uai.IsValid(uai) ? Uai.Normalize(uai) : null,
            Vecteurs: [.. vecteurs.Distinct()],
            VecteursInvalides: invalides);
    }
}

/// <summary>
/// What EduConnect says about the person signing in, as matching needs it. <c>Affiliation</c> is e.g. <c>eleve2d</c>,
/// <c>resp2d</c> (1d/2d: primary/secondary school), lower case. <c>VecteursInvalides</c> counts the vector claims that
/// could not be read: logged, never guessed at.
/// </summary>
internal sealed record PersonneEduConnect(
    string Sujet,
    string? FrEduCtId,
    string? Affiliation,
    string? Nom,
    string? Prenom,
    string? Ine,
    string? Uai,
    IReadOnlyList<Vecteur> Vecteurs,
    int VecteursInvalides = 0)
{
    public bool EstEleve => Affiliation?.StartsWith("eleve", StringComparison.Ordinal) == true;

    public bool EstResponsable => Affiliation?.StartsWith("resp", StringComparison.Ordinal) == true;

    /// <summary>What is stored with a link (<c>identite_externe.identifiants</c>) to explain it later.</summary>
    public object Identifiants => new
    {
        frEduCtId = FrEduCtId,
        affiliation = Affiliation,
        ine = Ine,
        uai = Uai,
        vecteurs = Vecteurs.Select(v => v.ToString()).ToArray(),
    };
}

/// <summary>
/// An EduConnect vector, <c>profil|nom|prenom|eleveId|UAI</c>: for a guardian (profil 1 or 2) one per child, naming
/// the child; for a pupil (profil 3 or 4) the pupil themself. eleveId is the national pupil identifier.
/// </summary>
internal sealed record Vecteur(int Profil, string Nom, string Prenom, string EleveId, string Uai)
{
    public bool DeResponsable => Profil is 1 or 2;

    public bool DEleve => Profil is 3 or 4;

    public override string ToString() => $"{Profil}|{Nom}|{Prenom}|{EleveId}|{Uai}";

    /// <summary>
    /// Strict on what identifies (profil digit 1–4, an eleveId, a valid UAI), lenient on what only describes (names
    /// may be empty, spaces around fields are dropped): a vector that cannot designate a pupil is refused whole.
    /// </summary>
    public static bool TryParse(string? texte, out Vecteur vecteur)
    {
        vecteur = null!;
        if (string.IsNullOrWhiteSpace(texte) || texte.Length > 500)
        {
            return false;
        }

        var champs = texte.Split('|');
        if (champs.Length != 5)
        {
            return false;
        }

        var profil = champs[0].Trim();
        var eleveId = champs[3].Trim();
        var uai = champs[4].Trim();
        if (profil.Length != 1 || profil[0] is < '1' or > '4'
            || eleveId.Length is 0 or > 32 || !eleveId.All(char.IsAsciiLetterOrDigit)
            || !Contracts.Uai.IsValid(uai))
        {
            return false;
        }

        vecteur = new Vecteur(profil[0] - '0', champs[1].Trim(), champs[2].Trim(), eleveId, Contracts.Uai.Normalize(uai));
        return true;
    }
}
