using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>
/// The RGPD exports: asked through the API, built in the background by whichever host claims them first (every
/// registered <see cref="IContributionExport"/>, one after the other, the progress saved after each), kept 7 days.
/// </summary>
internal sealed partial class ExportsRgpd(EntDatabase db, IEnumerable<IContributionExport> contributions, TimeProvider clock,
    ILogger<ExportsRgpd> log)
{
    /// <summary>How long a finished export stays downloadable.</summary>
    public static readonly TimeSpan Disponibilite = TimeSpan.FromDays(7);

    /// <summary>The JSON schema's version written in export.json (documented in docs/registre-des-traitements/export-rgpd.md).</summary>
    public const string VersionSchema = "ent-export-rgpd/1";

    // At most one wake-up pending: a burst of requests wakes the worker once, and it then builds every waiting export.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The contributions in a stable order: Identité's first, then by section.</summary>
    public IReadOnlyList<IContributionExport> Contributions { get; } =
        [.. contributions.OrderBy(c => c.Section == "identite" ? 0 : 1).ThenBy(c => c.Section, StringComparer.Ordinal)];

    /// <summary>Wakes this host's worker (a new export); the other hosts find it on their next look.</summary>
    public void Signaler() => _signal.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up, or <paramref name="delai"/> at most.</summary>
    public async Task AttendreAsync(TimeSpan delai, CancellationToken ct)
    {
        using var limite = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limite.CancelAfter(delai);
        try
        {
            await _signal.Reader.ReadAsync(limite.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    // The oldest waiting export, claimed by one host: another host skips the locked row.
    private const string SqlReclamer = """
        UPDATE identite.export_rgpd SET etat = 'en_cours', commence_le = @maintenant, sections_total = @total, sections_faites = 0
        WHERE id = (SELECT id FROM identite.export_rgpd WHERE etat = 'en_attente' ORDER BY demande_le FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, demandeur_id, personne_id, demande_le
        """;

    private sealed record Reclame(Guid Id, Guid DemandeurId, Guid PersonneId, DateTime DemandeLe);

    /// <summary>Builds the next waiting export, if any; false when none waits.</summary>
    public async Task<bool> TraiterSuivantAsync(CancellationToken ct)
    {
        Reclame? export;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        {
            export = await conn.QuerySingleOrDefaultAsync<Reclame>(new CommandDefinition(SqlReclamer,
                new { maintenant = clock.GetUtcNow(), total = Contributions.Count }, cancellationToken: ct));
        }

        if (export is null)
        {
            return false;
        }

        try
        {
            await ConstruireAsync(export, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogEchec(log, export.Id, e);
            await using var conn = await db.DataSource.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync("UPDATE identite.export_rgpd SET etat = 'echoue', termine_le = @maintenant WHERE id = @id",
                new { id = export.Id, maintenant = clock.GetUtcNow() });
        }

        return true;
    }

    private sealed record Nom(Guid Id, string Prenom, string NomFamille, bool Eleve);

    private async Task ConstruireAsync(Reclame export, CancellationToken ct)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(export.DemandeLe, DateTimeKind.Utc));
        Dictionary<Guid, Nom> noms;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        {
            noms = (await conn.QueryAsync<Nom>(new CommandDefinition("""
                SELECT p.id, p.prenom, p.nom AS nom_famille,
                       EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND r.profil = 'eleve') AS eleve
                FROM identite.personne p WHERE p.id IN (@personne, @demandeur)
                """, new { personne = export.PersonneId, demandeur = export.DemandeurId }, cancellationToken: ct))).ToDictionary(n => n.Id);
        }

        var personne = noms[export.PersonneId];
        var demandeur = noms[export.DemandeurId];
        var sujet = new SujetExport(export.DemandeurId, export.PersonneId, personne.Eleve, instant);
        using var zip = new ZipExport();
        var faites = 0;
        foreach (var contribution in Contributions)
        {
            await contribution.ContribuerAsync(sujet, zip.Section(contribution.Section), ct);
            faites++;
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.export_rgpd SET sections_faites = @faites WHERE id = @id",
                new { id = export.Id, faites }, cancellationToken: ct));
        }

        var genereLe = clock.GetUtcNow();
        var expireLe = genereLe + Disponibilite;
        var manifeste = new
        {
            schema = VersionSchema,
            personne = new { id = personne.Id, prenom = personne.Prenom, nom = personne.NomFamille, eleve = personne.Eleve },
            demandeur = new { id = demandeur.Id, prenom = demandeur.Prenom, nom = demandeur.NomFamille },
            demandeLe = instant,
            genereLe,
            expireLe,
            sections = zip.Fichiers.Select(s => new { section = s.Key, fichiers = s.Value }).ToList(),
            resume = "resume.pdf",
        };
        await zip.EcrireAsync("export.json", JsonSerializer.SerializeToUtf8Bytes(manifeste, ZipExport.Json), ct);
        await zip.EcrireAsync("resume.pdf", ResumeExportPdf.Rendre($"{personne.Prenom} {personne.NomFamille}",
            $"{demandeur.Prenom} {demandeur.NomFamille}", genereLe, expireLe, zip.Paragraphes), ct);
        var contenu = zip.Terminer();

        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE identite.export_rgpd
                SET etat = 'pret', contenu = @contenu, taille = @taille, termine_le = @genereLe, expire_le = @expireLe
                WHERE id = @id AND etat = 'en_cours'
                """, new { id = export.Id, contenu, taille = (long)contenu.Length, genereLe, expireLe }, cancellationToken: ct));
        }

        LogPret(log, export.Id, contenu.Length);
    }

    /// <summary>
    /// At start: the exports a stopped host left « en_cours » for over an hour wait again (a host builds one in seconds;
    /// an hour leaves a slow one running elsewhere alone).
    /// </summary>
    public async Task<int> ReprendreInterrompusAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.export_rgpd SET etat = 'en_attente', commence_le = NULL, sections_faites = 0
            WHERE etat = 'en_cours' AND commence_le < @limite
            """, new { limite = clock.GetUtcNow().AddHours(-1) }, cancellationToken: ct));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export RGPD {Id} en échec")]
    private static partial void LogEchec(ILogger logger, Guid id, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export RGPD {Id} prêt ({Taille} octets)")]
    private static partial void LogPret(ILogger logger, Guid id, int taille);
}
