using System.Threading.Channels;
using Dapper;
using Ent.Identite.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ent.Identite.Acces;

/// <summary>Settings under <c>Ent:JournalAcces</c>.</summary>
internal sealed class JournalAccesOptions
{
    public const string Section = "Ent:JournalAcces";

    /// <summary>Rows older than this many days are purged (one year by default).</summary>
    public int RetentionJours { get; set; } = 365;
}

/// <summary>
/// The access log (see <see cref="IJournalAcces"/>) and its purge. Rows are written by group commit: a request's rows
/// join a queue, and one INSERT writes everything queued while the previous one ran, so that under load a few dozen
/// requests share one statement and one commit (issue #6: one INSERT and commit per read was a third of a read's
/// database work). A request still returns only once its rows are committed: nothing is answered unlogged.
/// </summary>
internal sealed partial class JournalAcces(
    NpgsqlDataSource db, TimeProvider clock, IOptions<JournalAccesOptions> options, ILogger<JournalAcces> log) : IJournalAcces, IAsyncDisposable
{
    /// <summary>At most this many rows per statement; the rest waits for the next one.</summary>
    internal const int LignesParLot = 1000;

    private sealed record Ligne(AccesDonnees Acces, Guid EleveId);

    private sealed record Attente(IReadOnlyList<Ligne> Lignes, TaskCompletionSource Ecrite);

    private readonly Channel<Attente> _file = Channel.CreateUnbounded<Attente>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _demarrage = new();
    private Task? _ecrivain;

    // Without an établissement from the caller, the pupil's own is taken in the same statement (the first by id when
    // a pupil is enrolled in two).
    private const string NoterSql = """
        INSERT INTO identite.journal_acces (personne_id, client_id, eleve_id, etablissement_id, domaine, action, quoi, adresse)
        SELECT t.personne_id, t.client_id, t.eleve_id,
               coalesce(t.etablissement_id, (SELECT r.etablissement_id FROM identite.rattachement r
                                             WHERE r.personne_id = t.eleve_id AND r.profil = 'eleve'
                                             ORDER BY r.etablissement_id LIMIT 1)),
               t.domaine, t.action, t.quoi, t.adresse::inet
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8)
             AS t(personne_id, client_id, eleve_id, etablissement_id, domaine, action, quoi, adresse)
        """;

    public Task NoterAsync(AccesDonnees acces, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(acces);
        return EcrireAsync([new Ligne(acces, acces.EleveId)]);
    }

    public Task NoterAsync(AccesDonnees acces, IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(acces);
        ArgumentNullException.ThrowIfNull(eleveIds);
        return eleveIds.Count == 0 ? Task.CompletedTask : EcrireAsync([.. eleveIds.Distinct().Select(e => new Ligne(acces, e))]);
    }

    // The caller's cancellation is not passed on: once queued, its rows may share a statement with other requests',
    // and an access that happened is logged even if the caller has gone.
    private Task EcrireAsync(IReadOnlyList<Ligne> lignes)
    {
        var attente = new Attente(lignes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_file.Writer.TryWrite(attente), this);

        if (_ecrivain is null)
        {
            lock (_demarrage)
            {
                _ecrivain ??= Task.Run(EcrivainAsync);
            }
        }

        return attente.Ecrite.Task;
    }

    /// <summary>The one writer: each statement takes every row queued while the previous one ran.</summary>
    private async Task EcrivainAsync()
    {
        while (await _file.Reader.WaitToReadAsync())
        {
            var lot = new List<Attente>();
            var lignes = 0;
            while (lignes < LignesParLot && _file.Reader.TryRead(out var a))
            {
                lot.Add(a);
                lignes += a.Lignes.Count;
            }

            if (!await EcrireLotAsync(lot) && lot.Count > 1)
            {
                // One request's bad row must not fail the others: each request again, on its own.
                foreach (var a in lot)
                {
                    await EcrireLotAsync([a]);
                }
            }
        }
    }

    /// <summary>Writes the rows of these requests in one statement; on success completes them, else fails them if alone.</summary>
    private async Task<bool> EcrireLotAsync(IReadOnlyList<Attente> lot)
    {
        var lignes = lot.SelectMany(a => a.Lignes).ToList();
        try
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(NoterSql, conn);
            cmd.Parameters.Add(new NpgsqlParameter<Guid?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = [.. lignes.Select(l => l.Acces.PersonneId)] });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. lignes.Select(l => l.Acces.ClientId)] });
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = [.. lignes.Select(l => l.EleveId)] });
            cmd.Parameters.Add(new NpgsqlParameter<Guid?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = [.. lignes.Select(l => l.Acces.EtablissementId)] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. lignes.Select(l => Code(l.Acces.Domaine))] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. lignes.Select(l => l.Acces.Action == ActionAcces.Lecture ? "lecture" : "modification")] });
            cmd.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. lignes.Select(l => l.Acces.Quoi)] });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. lignes.Select(l => l.Acces.Adresse?.ToString())] });
            await cmd.ExecuteNonQueryAsync();
        }
#pragma warning disable CA1031 // whatever the failure, the writer must live on and the waiting requests be answered
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (lot.Count == 1)
            {
                // The request fails as its own INSERT would have: never answered unlogged.
                lot[0].Ecrite.TrySetException(e);
            }

            return false;
        }

        foreach (var a in lot)
        {
            a.Ecrite.TrySetResult();
        }

        return true;
    }

    /// <summary>At the host's end, once no request runs any more: writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _file.Writer.TryComplete();
        if (_ecrivain is not null)
        {
            await _ecrivain;
        }
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
