using System.Text.Json;
using Dapper;
using Ent.Scolarite.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>The summary of an import or of one établissement: per kind, what was created, changed and withdrawn.</summary>
internal sealed class Resume : Dictionary<string, CompteurImport>
{
    public static readonly string[] Sortes =
        ["etablissements", "eleves", "responsables", "personnels", "comptes", "liens", "classes", "groupes", "matieres", "inscriptions", "services", "professeursPrincipaux"];

    public Resume()
        : base(StringComparer.Ordinal)
    {
        foreach (var s in Sortes)
        {
            this[s] = new CompteurImport();
        }
    }

    public void Ajouter(IReadOnlyDictionary<string, CompteurImport> autre)
    {
        foreach (var (sorte, c) in autre)
        {
            if (!TryGetValue(sorte, out var total))
            {
                this[sorte] = total = new CompteurImport();
            }

            total.Crees += c.Crees;
            total.Modifies += c.Modifies;
            total.Desactives += c.Desactives;
        }
    }

    public string Json() => JsonSerializer.Serialize(this.ToDictionary(k => k.Key, k => new { crees = k.Value.Crees, modifies = k.Value.Modifies, desactives = k.Value.Desactives }));
}

/// <summary>A rejected entry, for import_aaf_rejet.</summary>
internal sealed record Rejet(string Fichier, int? Ligne, string? Jointure, string Motif);

/// <summary>
/// Runs directory imports: records each one (import_aaf), reads the whole export into a staging file (a malformed file
/// refuses the import before anything changes), then applies it établissement by établissement, one transaction each
/// (<see cref="ApplicationEtablissement"/>). One import at a time across every instance and the command line: a
/// PostgreSQL advisory lock is held for the run (an import left « en_cours » without it was interrupted).
/// </summary>
internal sealed partial class ImportsAaf(NpgsqlDataSource db, IImportStructure structure, IOptions<ImportAafOptions> options,
    TimeProvider clock, ILogger<ImportsAaf> log)
{
    /// <summary>The advisory lock every import run holds (an arbitrary constant, « AAF » in ASCII).</summary>
    public const long Verrou = 0x414146;

    public ImportAafOptions Options => options.Value;

    /// <summary>Records a new import waiting to run; its school year is decided now (current, or next for a rentrée).</summary>
    public async Task<Guid> CreerAsync(string source, bool rentree, Guid? demandePar, Guid? etablissementId, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.import_aaf (id, nature, annee_scolaire, rentree, source, demande_par, etablissement_id, etat, cree_le)
            VALUES (@id, 'complet', @annee, @rentree, @source, @demandePar, @etablissementId, 'en_attente', @maintenant)
            """, new { id, annee = structure.AnneeScolaire(rentree), rentree, source, demandePar, etablissementId, maintenant = clock.GetUtcNow() },
            cancellationToken: ct));
        return id;
    }

    /// <summary>Marks an import refused (before it ran), with the French reason.</summary>
    public async Task RefuserAsync(Guid id, string message, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE identite.import_aaf SET etat = 'refuse', message = @message, termine_le = @maintenant WHERE id = @id",
            new { id, message, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>
    /// Marks « echoue » the imports left « en_cours » by a process that died — only when no run holds the lock (an
    /// import may be running in another instance or on the command line).
    /// </summary>
    public async Task<int> ReprendreInterrompusAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@Verrou)", new { Verrou }, cancellationToken: ct)))
        {
            return 0;
        }

        try
        {
            return await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE identite.import_aaf SET etat = 'echoue', termine_le = @maintenant,
                    message = 'Import interrompu (arrêt ou panne du serveur pendant son traitement) : les établissements déjà traités le restent, relancez l''import pour les autres.'
                WHERE etat = 'en_cours' OR (etat = 'en_attente' AND cree_le < @maintenant - interval '1 hour')
                """, new { maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Verrou)", new { Verrou }, cancellationToken: ct));
        }
    }

    /// <summary>Runs a recorded import from a folder or a zip. Never throws for the export's faults: the row says.</summary>
    public async Task ExecuterAsync(Guid id, string chemin, CancellationToken ct)
    {
        await using var verrou = await db.OpenConnectionAsync(ct);
        await verrou.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Verrou)", new { Verrou }, cancellationToken: ct));
        try
        {
            await ExecuterVerrouilleAsync(id, chemin, ct);
        }
        finally
        {
            await verrou.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Verrou)", new { Verrou }, cancellationToken: CancellationToken.None));
        }
    }

    private sealed record Import(Guid Id, bool Rentree, string AnneeScolaire, Guid? EtablissementId);

    private async Task ExecuterVerrouilleAsync(Guid id, string chemin, CancellationToken ct)
    {
        Import import;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            import = await conn.QuerySingleAsync<Import>(new CommandDefinition(
                "SELECT id, rentree, annee_scolaire AS anneescolaire, etablissement_id AS etablissementid FROM identite.import_aaf WHERE id = @id",
                new { id }, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE identite.import_aaf SET etat = 'en_cours', commence_le = @maintenant WHERE id = @id",
                new { id, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        }

        try
        {
            using var source = SourceAaf.Ouvrir(chemin, options.Value);
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "UPDATE identite.import_aaf SET nature = @nature, date_export = @date WHERE id = @id",
                    new { id, nature = source.Complet ? "complet" : "delta", date = source.DateExport.ToDateTime(TimeOnly.MinValue) }, cancellationToken: ct));
            }

            using var staging = new StagingAaf();
            var lecture = await PreparationAaf.LireAsync(source, staging, db, import.EtablissementId, ct);
            var numero = 0;
            await EnregistrerRejetsAsync(id, lecture.Rejets, () => ++numero, ct);
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.import_aaf SET entrees_total = @total WHERE id = @id",
                    new { id, total = lecture.Total }, cancellationToken: ct));
            }

            var resume = new Resume();
            var logins = await ChargerIdentifiantsAsync(ct);
            var echecs = 0;
            foreach (var etablissement in lecture.Etablissements)
            {
                var application = new ApplicationEtablissement(source.Complet, import.AnneeScolaire, lecture, etablissement, staging, structure, logins, clock);
                Guid? etablissementId = null;
                await using var conn = await db.OpenConnectionAsync(ct);
                try
                {
                    await using var tx = await conn.BeginTransactionAsync(ct);
                    etablissementId = await application.AppliquerAsync(conn, tx, ct);
                    if (etablissementId is { } eid)
                    {
                        await conn.ExecuteAsync(new CommandDefinition("""
                            INSERT INTO identite.import_aaf_etablissement (import_id, etablissement_id, etat, resume, termine_le)
                            VALUES (@id, @eid, 'termine', @resume::jsonb, @maintenant)
                            ON CONFLICT (import_id, etablissement_id) DO UPDATE SET resume = excluded.resume, termine_le = excluded.termine_le
                            """, new { id, eid, resume = application.Resume.Json(), maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
                    }

                    await tx.CommitAsync(ct);
                    resume.Ajouter(application.Resume);
                    await EnregistrerRejetsAsync(id, application.Rejets, () => ++numero, ct);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
                {
                    echecs++;
                    LogEchecEtablissement(log, e, etablissement.Jointure, id);
                    await EnregistrerRejetsAsync(id, [new Rejet("EtabEducNat", null, etablissement.Jointure,
                        $"L'établissement {etablissement.Jointure} n'a pas pu être importé (erreur : {e.Message}) ; rien n'a changé pour lui, relancez l'import.")],
                        () => ++numero, ct);
                    var connu = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                        "SELECT id FROM identite.etablissement WHERE jointure_aaf = @Jointure", etablissement, cancellationToken: ct));
                    if (connu is { } eid)
                    {
                        await conn.ExecuteAsync(new CommandDefinition("""
                            INSERT INTO identite.import_aaf_etablissement (import_id, etablissement_id, etat, termine_le) VALUES (@id, @eid, 'echoue', @maintenant)
                            ON CONFLICT DO NOTHING
                            """, new { id, eid, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
                    }
                }

                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE identite.import_aaf SET entrees_traitees = entrees_traitees + @n, resume = @resume::jsonb WHERE id = @id
                    """, new { id, n = etablissement.Entrees.Count + 1, resume = resume.Json() }, cancellationToken: ct));
            }

            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE identite.import_aaf SET etat = @etat, termine_le = @maintenant, resume = @resume::jsonb, entrees_traitees = entrees_total,
                        message = @message
                    WHERE id = @id
                    """, new
                    {
                        id, etat = echecs == 0 ? "termine" : "echoue", maintenant = clock.GetUtcNow(), resume = resume.Json(),
                        message = echecs == 0 ? null : $"{echecs} établissement(s) n'ont pas pu être importés (voir le rapport) ; les autres l'ont été.",
                    }, cancellationToken: ct));
            }
        }
        catch (ImportRefuseException e)
        {
            await RefuserAsync(id, e.Message, CancellationToken.None);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogEchec(log, e, id);
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE identite.import_aaf SET etat = 'echoue', termine_le = @maintenant, message = @message WHERE id = @id",
                new { id, maintenant = clock.GetUtcNow(), message = $"L'import a échoué sur une erreur inattendue ({e.GetType().Name}) : les établissements déjà traités le restent." },
                cancellationToken: CancellationToken.None));
        }
    }

    private async Task<HashSet<string>> ChargerIdentifiantsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition("SELECT lower(identifiant) FROM identite.compte", cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task EnregistrerRejetsAsync(Guid id, List<Rejet> rejets, Func<int> numero, CancellationToken ct)
    {
        if (rejets.Count == 0)
        {
            return;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var importeur = await conn.BeginBinaryImportAsync(
            "COPY identite.import_aaf_rejet (import_id, numero, fichier, ligne, jointure, motif) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rejets)
        {
            await importeur.StartRowAsync(ct);
            await importeur.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await importeur.WriteAsync(numero(), NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await importeur.WriteAsync(r.Fichier, NpgsqlTypes.NpgsqlDbType.Text, ct);
            if (r.Ligne is { } ligne)
            {
                await importeur.WriteAsync(ligne, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            }
            else
            {
                await importeur.WriteNullAsync(ct);
            }

            if (r.Jointure is { } jointure)
            {
                await importeur.WriteAsync(jointure, NpgsqlTypes.NpgsqlDbType.Text, ct);
            }
            else
            {
                await importeur.WriteNullAsync(ct);
            }

            await importeur.WriteAsync(r.Motif, NpgsqlTypes.NpgsqlDbType.Text, ct);
        }

        await importeur.CompleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import AAF {Id} : échec inattendu")]
    private static partial void LogEchec(ILogger logger, Exception e, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import AAF {Id} : l'établissement {Jointure} n'a pas pu être importé")]
    private static partial void LogEchecEtablissement(ILogger logger, Exception e, string jointure, Guid id);
}
