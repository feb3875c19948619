using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Notes;
using Ent.Scolarite.Periodes;
using Npgsql;

namespace Ent.Scolarite.Conseils;

/// <summary>A pupil at the class council.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="Nom">Surname.</param>
/// <param name="Prenom">First name.</param>
/// <param name="MoyenneGenerale">General average for the period (/20), every assessment counted.</param>
/// <param name="AppreciationGenerale">The head teacher's appraisal, if written.</param>
/// <param name="Decision">felicitations, compliments, encouragements, mise_en_garde_travail, mise_en_garde_comportement, avertissement, or null.</param>
internal sealed record EleveConseil(Guid EleveId, string Nom, string Prenom, decimal? MoyenneGenerale, string? AppreciationGenerale, string? Decision);

/// <summary>A class's council for a period.</summary>
/// <param name="ClasseId">The class.</param>
/// <param name="Classe">Its name.</param>
/// <param name="PeriodeId">The period.</param>
/// <param name="Periode">e.g. « 1er trimestre ».</param>
/// <param name="EstProfesseurPrincipal">True when the caller is the class's head teacher (they write the general appraisals).</param>
/// <param name="MoyenneGeneraleClasse">Mean of the pupils' general averages.</param>
/// <param name="Eleves">The pupils, by name.</param>
internal sealed record ConseilClasse(
    Guid ClasseId, string Classe, Guid PeriodeId, string Periode, bool EstProfesseurPrincipal, decimal? MoyenneGeneraleClasse, EleveConseil[] Eleves)
{
    public static readonly string[] Decisions =
        ["felicitations", "compliments", "encouragements", "mise_en_garde_travail", "mise_en_garde_comportement", "avertissement"];

    /// <summary>As shown to families on the report card.</summary>
    public static string? LibelleDecision(string? decision) => decision switch
    {
        "felicitations" => "Félicitations",
        "compliments" => "Compliments",
        "encouragements" => "Encouragements",
        "mise_en_garde_travail" => "Mise en garde (travail)",
        "mise_en_garde_comportement" => "Mise en garde (comportement)",
        "avertissement" => "Avertissement",
        _ => null,
    };

    /// <summary>The class and period as the council's people may reach them.</summary>
    internal sealed record Acces(Guid ClasseId, Guid EtablissementId, string Libelle, Periode Periode, bool EstProfesseurPrincipal, bool EstAdministrateur);

    private const string ClasseSql = """
        SELECT c.id, c.etablissement_id, c.libelle, c.annee_scolaire,
               EXISTS (SELECT 1 FROM scolarite.professeur_principal pp WHERE pp.classe_id = c.id AND pp.enseignant_id = @personneId) AS principal
        FROM scolarite.classe c WHERE c.id = @classeId
        """;

    /// <summary>
    /// The class and period if the person is the class's head teacher or an administrator of its établissement, else null
    /// (the endpoint answers 404).
    /// </summary>
    public static async Task<Acces?> AccederAsync(NpgsqlConnection conn, IReglesAcces regles, Guid personneId, Guid classeId, Guid periodeId,
        CancellationToken ct)
    {
        var classe = await conn.QuerySingleOrDefaultAsync<(Guid Id, Guid EtablissementId, string Libelle, string Annee, bool Principal)?>(
            new CommandDefinition(ClasseSql, new { classeId, personneId }, cancellationToken: ct));
        if (classe is not { } c)
        {
            return null;
        }

        var administrateur = !c.Principal && await regles.PeutAdministrerAsync(personneId, c.EtablissementId, ct);
        var periode = (await Periodes.Periode.ListerAsync(conn, c.EtablissementId, c.Annee, ct)).FirstOrDefault(p => p.Id == periodeId);
        return (c.Principal || administrateur) && periode is not null
            ? new Acces(c.Id, c.EtablissementId, c.Libelle, periode, c.Principal, administrateur)
            : null;
    }

    private const string Sql = "SELECT eleve_id, appreciation_generale, decision FROM scolarite.conseil_classe WHERE classe_id = @classeId AND periode_id = @periodeId";

    public static async Task<ConseilClasse> ChargerAsync(NpgsqlConnection conn, Acces acces, IAnnuaire annuaire, CancellationToken ct)
    {
        var releve = await ReleveClasse.ChargerAsync(conn, acces.EtablissementId, acces.ClasseId, acces.Periode.Id, null, ct);
        var conseil = (await conn.QueryAsync<(Guid EleveId, string? Appreciation, string? Decision)>(new CommandDefinition(Sql,
            new { classeId = acces.ClasseId, periodeId = acces.Periode.Id }, cancellationToken: ct))).ToDictionary(c => c.EleveId);
        var personnes = await annuaire.TrouverPersonnesAsync(releve.Eleves, ct);
        var eleves = personnes
            .Select(p => (Personne: p, Conseil: conseil.GetValueOrDefault(p.Id)))
            .Select(x => new EleveConseil(x.Personne.Id, x.Personne.Nom, x.Personne.Prenom, releve.MoyenneGenerale(x.Personne.Id),
                x.Conseil.Appreciation, x.Conseil.Decision))
            .ToArray();
        return new ConseilClasse(acces.ClasseId, acces.Libelle, acces.Periode.Id, acces.Periode.Libelle, acces.EstProfesseurPrincipal,
            releve.StatsGenerales().Moyenne, eleves);
    }
}
