using Dapper;
using Npgsql;

namespace Ent.Scolarite.Notation;

/// <summary>An établissement's choices for grading.</summary>
/// <param name="NonRendu">How work not handed in counts in averages: zero (as a 0) or exclu (left out).</param>
internal sealed record ParametresNotation(string NonRendu)
{
    public const string Zero = "zero";
    public const string Exclu = "exclu";

    /// <summary>The établissement's settings; the defaults when it never chose.</summary>
    public static async Task<ParametresNotation> LireAsync(NpgsqlConnection conn, Guid etablissementId, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<ParametresNotation>(new CommandDefinition(
            "SELECT non_rendu FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId",
            new { etablissementId }, cancellationToken: ct))
        ?? new ParametresNotation(Exclu);
}
