using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// Who follows an announcement up (who has read and confirmed, reminders): its author, and the direction and vie
/// scolaire desk of its établissement. Who corrects and withdraws it: its author and the établissement's direction
/// (head, local administrators) — not the CPE, who follows every announcement but speaks only for their own.
/// Anyone else is told it does not exist.
/// </summary>
internal static class SuiviAnnonce
{
    internal sealed record Ligne(Guid Id, Guid EtablissementId, Guid AuteurId, string Titre, bool AccuseLecture, DateTimeOffset VisibleDu,
        DateTimeOffset? RelanceeLe, DateTimeOffset? RetireeLe, string Texte, DateTimeOffset? VisibleAu, string AudienceLibelle, DateTimeOffset? ModifieeLe);

    private const string Sql = """
        SELECT id, etablissement_id, auteur_id, titre, accuse_lecture, visible_du, relancee_le, retiree_le, texte, visible_au, audience_libelle, modifiee_le
        FROM communication.annonce WHERE id = @id
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

    /// <summary>
    /// The announcement, its row locked until <paramref name="tx"/> ends, when the person may correct or withdraw it
    /// (its author, its établissement's direction); otherwise null.
    /// </summary>
    public static async Task<Ligne?> TrouverPourModifierAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReglesAcces regles, Guid personneId, Guid id,
        CancellationToken ct)
    {
        var annonce = await conn.QuerySingleOrDefaultAsync<Ligne>(new CommandDefinition(Sql + " FOR UPDATE", new { id }, tx, cancellationToken: ct));
        return annonce is not null && await PeutModifierAsync(regles, personneId, annonce, ct) ? annonce : null;
    }

    /// <summary>Whether the person may correct or withdraw the announcement: its author, its établissement's direction.</summary>
    public static async Task<bool> PeutModifierAsync(IReglesAcces regles, Guid personneId, Ligne annonce, CancellationToken ct) =>
        annonce.AuteurId == personneId || await regles.PeutAdministrerAsync(personneId, annonce.EtablissementId, ct);

    public static string Introuvable(Guid id) => $"Aucune annonce ne correspond à {id}.";
}
