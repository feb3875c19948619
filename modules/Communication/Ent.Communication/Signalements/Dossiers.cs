using Dapper;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>A filed report as its endpoints read it, and who the caller is to it.</summary>
/// <remarks>A class with setters, not a positional record: Dapper hands a text[] column to a constructor as System.Array.</remarks>
internal sealed class Dossier
{
    public Guid Id { get; init; }
    public Guid FormulaireId { get; init; }
    public Guid EtablissementId { get; init; }
    public Guid EleveId { get; init; }
    public Guid DeposePar { get; init; }
    public string Profil { get; init; } = string.Empty;
    public string Titre { get; init; } = string.Empty;
    public string[] Destinataires { get; init; } = [];
    public bool Confidentiel { get; init; }
    public string Reponses { get; init; } = "[]";
    public string Etat { get; init; } = string.Empty;
    public DateTimeOffset DeposeLe { get; init; }
    public DateTimeOffset ModifieLe { get; init; }
}

/// <summary>The caller's part in a report: who filed it, or one of its receivers.</summary>
internal enum RoleDossier
{
    Deposant,
    Destinataire,
}

internal static class Dossiers
{
    public const string SelectSql = """
        SELECT id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires, confidentiel, reponses::text AS reponses, etat,
               depose_le, modifie_le
        FROM communication.dossier_signalement
        """;

    public const string Introuvable = "Aucun signalement ne correspond à cette adresse.";

    public static Task<Dossier?> ChargerAsync(NpgsqlConnection conn, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null, bool verrou = false) =>
        conn.QuerySingleOrDefaultAsync<Dossier>(new CommandDefinition(SelectSql + " WHERE id = @id" + (verrou ? " FOR UPDATE" : string.Empty),
            new { id }, tx, cancellationToken: ct));

    /// <summary>
    /// Who filed it reads it; its receivers (by function, confidential: direction and CPE) read and handle it; anyone else,
    /// the other parent, the pupil's teachers included, gets null: the endpoints answer 404.
    /// </summary>
    public static async Task<RoleDossier?> RoleAsync(AccesSignalements acces, Guid moi, Dossier dossier, CancellationToken ct)
    {
        if (dossier.DeposePar == moi)
        {
            return RoleDossier.Deposant;
        }

        return AccesSignalements.EstDestinataire(await acces.FonctionsAsync(moi, dossier.EtablissementId, ct), dossier.Destinataires, dossier.Confidentiel)
            ? RoleDossier.Destinataire
            : null;
    }

    /// <summary>The states a receiver may move the report to from its current one (forward only; closed is final).</summary>
    public static string[] EtatsPossibles(string etat) =>
        etat == "clos" ? [] : [.. Avancees.Where(e => ReglesSignalement.Rang(e) > ReglesSignalement.Rang(etat))];

    private static readonly string[] Avancees = ["en_cours", "clos"];
}
