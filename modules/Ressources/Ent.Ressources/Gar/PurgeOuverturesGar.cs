using Dapper;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Ressources.Gar;

/// <summary>
/// Resource openings are kept for the school year they were made in: on the rentrée (1 September, Paris time) the
/// previous years' go. Batched, idempotent.
/// </summary>
internal sealed class PurgeOuverturesGar(NpgsqlDataSource db) : IPurgeRetention
{
    public const string DureeTexte = "l'année scolaire en cours : les ouvertures sont effacées à la rentrée suivante (1er septembre)";

    public string Nom => "ressources.gar_ouverture";

    public string Duree => DureeTexte;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The start of the school year holding the instant: 1 September 00:00 in Paris.</summary>
    internal static DateTimeOffset Rentree(DateTimeOffset maintenant)
    {
        var local = TimeZoneInfo.ConvertTime(maintenant, Paris);
        var annee = local.Month >= 9 ? local.Year : local.Year - 1;
        var debut = new DateTime(annee, 9, 1);
        return new DateTimeOffset(debut, Paris.GetUtcOffset(debut)).ToUniversalTime();
    }

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = Rentree(maintenant);
        var total = 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        while (true)
        {
            var n = await conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM ressources.gar_ouverture
                WHERE id IN (SELECT id FROM ressources.gar_ouverture WHERE ouverte_le < @limite LIMIT 1000)
                """, new { limite }, cancellationToken: ct));
            total += n;
            if (n < 1000)
            {
                return total;
            }
        }
    }
}

/// <summary>SAML request ids are kept only until the request expires (then a replay is refused by its date anyway).</summary>
internal sealed class PurgeRequetesSamlGar(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "ressources.gar_requete_saml";

    public string Duree => "jusqu'à l'expiration de la demande d'authentification (quelques minutes)";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = 0;
        while (true)
        {
            var n = await conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM ressources.gar_requete_saml
                WHERE id IN (SELECT id FROM ressources.gar_requete_saml WHERE expire_le < @maintenant LIMIT 1000)
                """, new { maintenant }, cancellationToken: ct));
            total += n;
            if (n < 1000)
            {
                return total;
            }
        }
    }
}
