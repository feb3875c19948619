using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Gar;

/// <summary>A resource as the GAR lists it for a user (only what the screens need; addresses are https only).</summary>
/// <param name="IdRessource">The GAR's id of the resource (an ark: or a publisher's id).</param>
/// <param name="NomRessource">Its title.</param>
/// <param name="NomEditeur">Its publisher.</param>
/// <param name="UrlVignette">Its cover picture (https), if any.</param>
/// <param name="UrlAccesRessource">Where it opens (https, through the GAR).</param>
/// <param name="TypePresentation">How the GAR presents it (« Manuel numérique »…), if said.</param>
/// <param name="NiveauxEducatifs">School levels (« 4e »…).</param>
/// <param name="DomainesEnseignement">Subjects (« Mathématiques »…).</param>
internal sealed record RessourceGar(string IdRessource, string NomRessource, string NomEditeur, string? UrlVignette, string UrlAccesRessource,
    string? TypePresentation, string[] NiveauxEducatifs, string[] DomainesEnseignement);

/// <summary>What the GAR answered for a user, or why there is nothing to show.</summary>
internal abstract record ReponseGar
{
    /// <summary>The list; <paramref name="AJour"/> false when it is the cached one, served because the GAR is slow or down.</summary>
    internal sealed record Liste(RessourceGar[] Ressources, DateTimeOffset ObtenueLe, bool AJour) : ReponseGar;

    /// <summary>The GAR did not answer in time, or could not be reached, and no earlier list is at hand.</summary>
    internal sealed record Indisponible : ReponseGar;

    /// <summary>The GAR answered an error (<c>{"Erreur":{"Message":…}}</c>): its message.</summary>
    internal sealed record Erreur(int Statut, string Message) : ReponseGar;
}

/// <summary>
/// The GAR's web service <c>GET {base}/ressources/{idENT}/{UAI}/{GARPersonIdentifiant}</c> over mutual TLS, with a
/// list per user kept for minutes (screens load at once), served stale when the GAR is slow (the call goes on in the
/// background and refreshes the cache) or down. One call at a time per user: a second screen waits for the first.
/// </summary>
internal sealed class ClientGar(IHttpClientFactory http, IMemoryCache cache, IOptions<GarOptions> options, TimeProvider horloge,
    ILogger<ClientGar> logger)
{
    public const string NomClient = "gar";

    private readonly ConcurrentDictionary<string, Lazy<Task<ReponseGar>>> _enCours = new();

    private sealed record Entree(RessourceGar[] Ressources, DateTimeOffset ObtenueLe);

    private static string Cle(string uai, Guid identifiant) => $"gar:{uai}:{identifiant}";

    /// <summary>The user's list: from the cache while fresh, else from the GAR, else the stale one.</summary>
    public async Task<ReponseGar> RessourcesAsync(string uai, Guid identifiant, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Actif)
        {
            return new ReponseGar.Indisponible();
        }

        var cle = Cle(uai, identifiant);
        var maintenant = horloge.GetUtcNow();
        cache.TryGetValue(cle, out Entree? entree);
        if (entree is not null && maintenant - entree.ObtenueLe < TimeSpan.FromMinutes(o.CacheMinutes))
        {
            return new ReponseGar.Liste(entree.Ressources, entree.ObtenueLe, true);
        }

        // Not tied to this request: a slow GAR's answer still lands in the cache for the next screen.
        var appel = _enCours.GetOrAdd(cle, _ => new Lazy<Task<ReponseGar>>(() => AppelerAsync(cle, uai, identifiant))).Value;
        var attente = entree is null ? TimeSpan.FromSeconds(o.DelaiSansCacheSecondes) : TimeSpan.FromMilliseconds(o.DelaiAvecCacheMillisecondes);
        var fini = await Task.WhenAny(appel, Task.Delay(attente, horloge, ct));
        ct.ThrowIfCancellationRequested();
        if (fini == appel)
        {
            var reponse = await appel;
            if (reponse is ReponseGar.Liste || entree is null)
            {
                return reponse;
            }
        }

        return entree is null ? new ReponseGar.Indisponible() : new ReponseGar.Liste(entree.Ressources, entree.ObtenueLe, false);
    }

    /// <summary>The resource in the user's list as last obtained (a resource opened is one the GAR listed for them).</summary>
    public async Task<RessourceGar?> TrouverAsync(string uai, Guid identifiant, string idRessource, CancellationToken ct)
    {
        if (!cache.TryGetValue(Cle(uai, identifiant), out Entree? entree))
        {
            var reponse = await RessourcesAsync(uai, identifiant, ct);
            return reponse is ReponseGar.Liste l ? l.Ressources.FirstOrDefault(r => r.IdRessource == idRessource) : null;
        }

        return entree!.Ressources.FirstOrDefault(r => r.IdRessource == idRessource);
    }

    private async Task<ReponseGar> AppelerAsync(string cle, string uai, Guid identifiant)
    {
        var o = options.Value;
        try
        {
            using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(o.DelaiSansCacheSecondes, 30)), horloge);
            var client = http.CreateClient(NomClient);
            var url = $"{o.UrlWebService!.TrimEnd('/')}/ressources/{Uri.EscapeDataString(o.IdEnt)}/{Uri.EscapeDataString(uai)}/{identifiant}";
            using var requete = new HttpRequestMessage(HttpMethod.Get, url);
            requete.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var reponse = await client.SendAsync(requete, delai.Token);
            var corps = await reponse.Content.ReadAsStringAsync(delai.Token);
            if (!reponse.IsSuccessStatusCode)
            {
                var message = MessageErreur(corps) ?? $"Le GAR a répondu {(int)reponse.StatusCode}.";
                logger.LogWarning("GAR web service answered {Statut} for {Uai}: {Message}", (int)reponse.StatusCode, uai, message);
                return (int)reponse.StatusCode >= 500 ? new ReponseGar.Indisponible() : new ReponseGar.Erreur((int)reponse.StatusCode, message);
            }

            var ressources = Lire(corps);
            var obtenue = horloge.GetUtcNow();
            cache.Set(cle, new Entree(ressources, obtenue), TimeSpan.FromHours(o.CachePerimeHeures));
            return new ReponseGar.Liste(ressources, obtenue, true);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            logger.LogWarning("GAR web service unreachable for {Uai}: {Erreur}", uai, e.Message);
            return new ReponseGar.Indisponible();
        }
        finally
        {
            _enCours.TryRemove(cle, out _);
        }
    }

    /// <summary>The GAR's error message, <c>{"Erreur":{"Message":"…"}}</c>, or null when the body is something else.</summary>
    internal static string? MessageErreur(string corps)
    {
        try
        {
            using var doc = JsonDocument.Parse(corps);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && Propriete(doc.RootElement, "Erreur") is { ValueKind: JsonValueKind.Object } erreur
                   && Propriete(erreur, "Message") is { ValueKind: JsonValueKind.String } message
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>listeRessources.ressource[]</c>; a resource without an id, a title or an https access address is left out
    /// (the SPA puts these addresses in links: nothing but https may reach them).
    /// </summary>
    internal static RessourceGar[] Lire(string corps)
    {
        using var doc = JsonDocument.Parse(corps);
        if (Propriete(doc.RootElement, "listeRessources") is not { ValueKind: JsonValueKind.Object } liste
            || Propriete(liste, "ressource") is not { ValueKind: JsonValueKind.Array } ressources)
        {
            return [];
        }

        var resultat = new List<RessourceGar>();
        foreach (var r in ressources.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
        {
            var id = Texte(r, "idRessource");
            var nom = Texte(r, "nomRessource");
            var acces = Https(Texte(r, "urlAccesRessource"));
            if (id is null || nom is null || acces is null)
            {
                continue;
            }

            resultat.Add(new RessourceGar(id, nom, Texte(r, "nomEditeur") ?? "", Https(Texte(r, "urlVignette")), acces,
                Propriete(r, "typePresentation") is { ValueKind: JsonValueKind.Object } type ? Texte(type, "nom") ?? Texte(type, "code") : Texte(r, "typePresentation"),
                Noms(r, "niveauEducatif"), Noms(r, "domaineEnseignement")));
        }

        return [.. resultat.DistinctBy(r => r.IdRessource).OrderBy(r => r.NomRessource, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))];
    }

    private static JsonElement? Propriete(JsonElement e, string nom) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(nom, out var v) ? v : null;

    private static string? Texte(JsonElement e, string nom) =>
        Propriete(e, nom) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 and <= 500 } s ? s : null;

    private static string? Https(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps ? u.AbsoluteUri : null;

    private static string[] Noms(JsonElement e, string nom) => Propriete(e, nom) switch
    {
        { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? Texte(x, "nom") : x.ValueKind == JsonValueKind.String ? x.GetString() : null)
            .OfType<string>()],
        { ValueKind: JsonValueKind.Object } o when Texte(o, "nom") is { } n => [n],
        _ => [],
    };

    /// <summary>The handler of the GAR's client: Ent's certificate for mutual TLS, and the GAR's authority when configured.</summary>
    internal static SocketsHttpHandler Gestionnaire(GarOptions o)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
        if (!string.IsNullOrWhiteSpace(o.CertificatClient))
        {
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(o.CertificatClient, o.MotDePasseCertificatClient)];
        }

        if (!string.IsNullOrWhiteSpace(o.AutoriteServeur))
        {
            var autorite = X509Certificate2.CreateFromPem(File.ReadAllText(o.AutoriteServeur));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificat, _, erreurs) =>
            {
                if (certificat is null || (erreurs & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false;
                }

                using var chaine = new X509Chain();
                chaine.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chaine.ChainPolicy.CustomTrustStore.Add(autorite);
                chaine.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chaine.Build(certificat as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificat.GetRawCertData()));
            };
        }

        return handler;
    }
}
