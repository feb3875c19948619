using Dapper;
using Ent.Identite.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Identite.Acces;

/// <summary>Settings under <c>Ent:JournalAcces</c>.</summary>
internal sealed class JournalAccesOptions
{
    public const string Section = "Ent:JournalAcces";

    /// <summary>Rows older than this many days are purged (one year by default).</summary>
    public int RetentionJours { get; set; } = 365;
}

/// <summary>The access log (see <see cref="IJournalAcces"/>) and its purge.</summary>
internal sealed partial class JournalAcces(
    NpgsqlDataSource db, TimeProvider clock, IOptions<JournalAccesOptions> options, ILogger<JournalAcces> log) : IJournalAcces
{
    // One statement on the hot path of every personal-data endpoint. Without an établissement from the caller, the
    // pupil's own is taken in the same statement (the first by id when a pupil is enrolled in two).
    private const string NoterSql = """
        INSERT INTO identite.journal_acces (personne_id, client_id, eleve_id, etablissement_id, domaine, action, quoi, adresse)
        SELECT @PersonneId, @ClientId, @EleveId,
               coalesce(@EtablissementId, (SELECT r.etablissement_id FROM identite.rattachement r
                                           WHERE r.personne_id = @EleveId AND r.profil = 'eleve'
                                           ORDER BY r.etablissement_id LIMIT 1)),
               @Domaine, @Action, @Quoi, @Adresse::inet
        """;

    public async Task NoterAsync(AccesDonnees acces, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(acces);
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(NoterSql, new
        {
            acces.PersonneId,
            acces.ClientId,
            acces.EleveId,
            acces.EtablissementId,
            Domaine = Code(acces.Domaine),
            Action = acces.Action == ActionAcces.Lecture ? "lecture" : "modification",
            acces.Quoi,
            Adresse = acces.Adresse?.ToString(),
        }, cancellationToken: ct));
    }

    private const string NoterPlusieursSql = """
        INSERT INTO identite.journal_acces (personne_id, client_id, eleve_id, etablissement_id, domaine, action, quoi, adresse)
        SELECT @PersonneId, @ClientId, e.id,
               coalesce(@EtablissementId, (SELECT r.etablissement_id FROM identite.rattachement r
                                           WHERE r.personne_id = e.id AND r.profil = 'eleve'
                                           ORDER BY r.etablissement_id LIMIT 1)),
               @Domaine, @Action, @Quoi, @Adresse::inet
        FROM unnest(@EleveIds) AS e(id)
        """;

    public async Task NoterAsync(AccesDonnees acces, IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(acces);
        ArgumentNullException.ThrowIfNull(eleveIds);
        if (eleveIds.Count == 0)
        {
            return;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(NoterPlusieursSql, new
        {
            acces.PersonneId,
            acces.ClientId,
            EleveIds = eleveIds.Distinct().ToArray(),
            acces.EtablissementId,
            Domaine = Code(acces.Domaine),
            Action = acces.Action == ActionAcces.Lecture ? "lecture" : "modification",
            acces.Quoi,
            Adresse = acces.Adresse?.ToString(),
        }, cancellationToken: ct));
    }

    /// <summary>Deletes the rows older than the retention; returns how many. Run daily by <see cref="PurgeJournalAcces"/>.</summary>
    public async Task<long> PurgerAsync(CancellationToken ct)
    {
        var retention = options.Value.RetentionJours;
        var avant = clock.GetUtcNow().AddDays(-retention);
        await using var conn = await db.OpenConnectionAsync(ct);
        var supprimees = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT identite.purger_journal_acces(@avant)", new { avant }, cancellationToken: ct));
        LogPurge(log, supprimees, retention);
        return supprimees;
    }

    /// <summary>The database's word for each domain: one word per concept, also in the API's answers.</summary>
    public static string Code(Domaine domaine) => domaine switch
    {
        Domaine.TravailScolaire => "travail_scolaire",
        Domaine.VieScolaire => "vie_scolaire",
        Domaine.Sante => "sante",
        Domaine.Messages => "messages",
        Domaine.Identite => "identite",
        _ => throw new ArgumentOutOfRangeException(nameof(domaine), domaine, null),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal des accès : {Supprimees} ligne(s) de plus de {RetentionJours} jours purgée(s)")]
    private static partial void LogPurge(ILogger logger, long supprimees, int retentionJours);
}
