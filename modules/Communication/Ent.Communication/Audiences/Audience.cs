using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;

namespace Ent.Communication.Audiences;

/// <summary>
/// Who a communication addresses, as its sender chooses it (issue #16; announcements now, the calendar next): the whole
/// établissement or some classes and groups, and one or more profiles among families, pupils and staff.
/// </summary>
/// <param name="Etablissement">The whole établissement (then no class nor group is named).</param>
/// <param name="Classes">Classes of the current year (their ids).</param>
/// <param name="Groupes">Groups of the current year (their ids).</param>
/// <param name="Profils">« familles » (the pupils' legal guardians), « eleves », « personnels » (teachers of the classes
/// and groups named, or every member of staff for the établissement).</param>
internal sealed record Audience(bool Etablissement, IReadOnlyList<Guid>? Classes, IReadOnlyList<Guid>? Groupes, IReadOnlyList<string>? Profils)
{
    /// <summary>The classes and groups named, classes first (a method: not part of the request's JSON).</summary>
    public IReadOnlyList<Guid> Divisions() => [.. (Classes ?? []).Concat(Groupes ?? []).Distinct()];

    public bool Vise(string profil) => Profils?.Contains(profil, StringComparer.Ordinal) == true;

    /// <summary>Adds the French errors of a malformed audience (field prefix « audience »).</summary>
    public static void Valider(Audience? audience, Erreurs erreurs)
    {
        ArgumentNullException.ThrowIfNull(erreurs);
        if (audience is null)
        {
            erreurs.Add("audience", "Choisissez à qui s'adresse l'annonce.");
            return;
        }

        if (audience.Profils is not { Count: > 0 } profils)
        {
            erreurs.Add("audience.profils", "Choisissez au moins un public : familles, élèves ou personnels.");
        }
        else if (profils.Any(p => !ProfilsAudience.Tous.Contains(p, StringComparer.Ordinal)))
        {
            erreurs.Add("audience.profils", "Les publics possibles sont familles, eleves et personnels.");
        }

        var divisions = audience.Divisions().Count;
        if (audience.Etablissement && divisions > 0)
        {
            erreurs.Add("audience", "Choisissez tout l'établissement ou des classes et groupes, pas les deux.");
        }
        else if (!audience.Etablissement && divisions == 0)
        {
            erreurs.Add("audience", "Choisissez tout l'établissement ou au moins une classe ou un groupe.");
        }
    }
}

/// <summary>The profiles an audience can name (one word per concept: the JSON values).</summary>
internal static class ProfilsAudience
{
    public const string Familles = "familles";
    public const string Eleves = "eleves";
    public const string Personnels = "personnels";

    public static readonly IReadOnlyList<string> Tous = [Familles, Eleves, Personnels];

    public static string Libelle(string profil) => profil switch
    {
        Familles => "Familles",
        Eleves => "Élèves",
        _ => "Personnels",
    };
}

/// <summary>
/// What a person may address in an établissement: its direction and vie scolaire desk (head, local administrators,
/// CPE) the whole établissement and every class and group; a teacher the classes and groups they teach or head.
/// </summary>
/// <param name="Etablissement">May address the whole établissement (and follows every announcement of it).</param>
/// <param name="Divisions">The classes and groups they may address.</param>
/// <param name="Profils">The profiles they may address.</param>
internal sealed record AudiencePossible(bool Etablissement, IReadOnlyList<DivisionInfo> Divisions, IReadOnlyList<string> Profils);

/// <summary>A family an audience reaches: a pupil (with their class code) and one of their legal guardians.</summary>
internal sealed record FamilleCiblee(Guid EleveId, Guid ResponsableId, string? ClasseCode);

/// <summary>
/// An audience expanded into people: each person once, in the capacity they are addressed in (« responsable »,
/// « eleve », « personnel »: a guardian is addressed as a family even if also on the staff), and the families reached.
/// </summary>
internal sealed record Cible(IReadOnlyList<(Guid PersonneId, string Profil)> Destinataires, IReadOnlyList<FamilleCiblee> Familles);
