using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// Who follows an announcement up (who has read and confirmed, reminders): its author, and the direction and vie
/// scolaire desk of its établissement. Anyone else is told it does not exist.
/// </summary>
internal static class SuiviAnnonce
{
    internal sealed record Ligne(Guid Id, Guid EtablissementId, Guid AuteurId, string Titre, bool AccuseLecture, DateTimeOffset VisibleDu,
        DateTimeOffset? RelanceeLe);

    private const string Sql = """
        SELECT id, etablissement_id, auteur_id, titre, accuse_lecture, visible_du, relancee_le FROM communication.annonce WHERE id = @id
        """;

    /// <summary>The announcement when the person may follow it up, otherwise null.</summary>
    public static async Task<Ligne?> TrouverAsync(NpgsqlConnection conn, IReglesAcces regles, Guid personneId, Guid id, CancellationToken ct)
    {
        var annonce = await conn.QuerySingleOrDefaultAsync<Ligne>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
        if (annonce is null)
        {
            return null;
        }

        return annonce.AuteurId == personneId
               || await regles.PeutSuivreVieScolaireAsync(personneId, annonce.EtablissementId, ct)
               || await regles.PeutAdministrerAsync(personneId, annonce.EtablissementId, ct)
            ? annonce
            : null;
    }

    public static string Introuvable(Guid id) => $"Aucune annonce ne correspond à {id}.";
}
