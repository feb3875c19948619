using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// Infirmary visits are kept for the current school year and the previous one (what the record shows), then deleted at
/// the rentrée (1 September, Paris time). Batched, idempotent.
/// </summary>
internal sealed class PurgePassagesInfirmerie(NpgsqlDataSource db, Horaires horaires) : IPurgeRetention
{
    public string Nom => "viescolaire.passage_infirmerie";

    public string Duree => "l'année scolaire en cours et la précédente : effacés à la rentrée suivante (1er septembre)";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = horaires.Instant(Horaires.DebutAnnee(horaires.Jour(maintenant)).AddYears(-1), TimeOnly.MinValue);
        return PurgeParLots.SupprimerAsync(db, """
            DELETE FROM viescolaire.passage_infirmerie
            WHERE id IN (SELECT id FROM viescolaire.passage_infirmerie WHERE arrivee < @limite LIMIT 1000)
            """, new { limite }, ct);
    }
}
