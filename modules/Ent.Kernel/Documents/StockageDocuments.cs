using System.Security.Cryptography;
using Ent.Kernel.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ent.Kernel.Documents;

/// <summary>
/// The documents' folder on disk. A document is stored under a random name (32 lowercase hex characters, as
/// <c>document.nom_stockage</c> requires), never under the name the family gave, so that no name can climb out of the
/// folder or collide; the folder and its files are readable by Ent's user only. Each module stores its own documents in
/// a folder of its own (a module's subclass names it): VieScolaire's justification documents, Scolarité's lesson files.
/// </summary>
public abstract class StockageDocuments(string dossierConfigure)
{
    private readonly string dossier = Path.GetFullPath(dossierConfigure);

    public string Dossier => dossier;

    /// <summary>A document written to disk: its storage name, size and SHA-256 (lowercase hex).</summary>
    public sealed record Ecrit(string NomStockage, long Taille, string Sha256);

    /// <summary>Copies the stream to a new file under a fresh random name. The caller deletes it if what follows fails.</summary>
    /// <remarks>
    /// A folder that cannot be created or written (read-only, full, a file in its place) throws
    /// <see cref="StockageIndisponibleException"/>: answered 503 with its own problem type, not a 500. An error reading
    /// the request's stream is the caller's and passes as it is.
    /// </remarks>
    public async Task<Ecrit> EcrireAsync(Stream contenu, CancellationToken ct)
    {
        Stockage(CreerDossier);

        var nom = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var chemin = Chemin(nom);
        var creation = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            creation.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var hachage = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long taille = 0;
            await using (var fichier = Stockage(() => new FileStream(chemin, creation)))
            {
                var tampon = new byte[81920];
                int lus;
                while ((lus = await contenu.ReadAsync(tampon, ct)) > 0)
                {
                    hachage.AppendData(tampon, 0, lus);
                    try
                    {
                        await fichier.WriteAsync(tampon.AsMemory(0, lus), ct);
                    }
                    catch (IOException e)
                    {
                        throw Indisponible(e);
                    }

                    taille += lus;
                }
            }

            return new Ecrit(nom, taille, Convert.ToHexStringLower(hachage.GetHashAndReset()));
        }
        catch
        {
            Supprimer(nom);
            throw;
        }
    }

    /// <summary>
    /// For the readiness check: the folder exists (or can be made) and a file can be created in it. Null when it can,
    /// else why not.
    /// </summary>
    public string? VerifierEcriture()
    {
        var sonde = Path.Combine(dossier, $".sonde-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        try
        {
            CreerDossier();
            using (new FileStream(sonde, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Le dossier des documents ({dossier}) n'est pas accessible en écriture.";
        }
    }

    private void CreerDossier()
    {
        if (Directory.Exists(dossier))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dossier);
        }
        else
        {
            Directory.CreateDirectory(dossier, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private StockageIndisponibleException Indisponible(Exception e) =>
        new($"dossier des documents {dossier} inaccessible en écriture ({e.GetType().Name})", e);

    private T Stockage<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Indisponible(e);
        }
    }

    private void Stockage(Action action) => Stockage<bool>(() =>
    {
        action();
        return true;
    });

    /// <summary>The stored document, or null when its file is missing.</summary>
    public FileStream? Ouvrir(string nomStockage)
    {
        var chemin = Chemin(nomStockage);
        return File.Exists(chemin)
            ? new FileStream(chemin, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null;
    }

    public void Supprimer(string nomStockage)
    {
        try
        {
            File.Delete(Chemin(nomStockage));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: an orphan file no row names is never served.
        }
    }

    // Names come from Convert.ToHexStringLower or from the database's CHECK: no separator can reach here.
    private string Chemin(string nomStockage) =>
        nomStockage.Length == 32 && nomStockage.All(char.IsAsciiLetterOrDigit)
            ? Path.Combine(dossier, nomStockage)
            : throw new ArgumentException("Nom de stockage invalide.", nameof(nomStockage));
}

/// <summary>Ready includes a writable documents' folder: a family's upload would otherwise fail (503) on a "ready" instance.</summary>
public sealed class StockageDocumentsHealthCheck<TStockage>(TStockage stockage) : IHealthCheck
    where TStockage : StockageDocuments
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stockage.VerifierEcriture() is { } raison ? HealthCheckResult.Unhealthy(raison) : HealthCheckResult.Healthy());
}
