using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Annees;

/// <summary>
/// Which school year a family read is about, and whether the caller may read it. The current year is read under the
/// usual rules; another year (last year's report cards, next year's classes after the rentrée) without teaching's
/// rights, which hold for the year taught only (see <see cref="IReglesAcces.PeutLireAutreAnneeAsync"/>).
/// </summary>
internal static class AnneeEleve
{
    public static Task<bool> PeutLireAsync(IReglesAcces regles, Guid personneId, Guid eleveId, string annee, TimeProvider clock, CancellationToken ct) =>
        annee == AnneeScolaire.Courante(clock)
            ? regles.PeutLireAsync(personneId, eleveId, Domaine.TravailScolaire, ct)
            : regles.PeutLireAutreAnneeAsync(personneId, eleveId, Domaine.TravailScolaire, ct);

    /// <summary>The school year of a period, null when there is no such period: a period's id names its year.</summary>
    public static Task<string?> DePeriodeAsync(NpgsqlConnection conn, Guid periodeId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT annee_scolaire FROM scolarite.periode WHERE id = @periodeId", new { periodeId }, cancellationToken: ct));
}
