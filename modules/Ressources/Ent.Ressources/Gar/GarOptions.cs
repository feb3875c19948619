namespace Ent.Ressources.Gar;

/// <summary>
/// Ent:Gar — the GAR (Gestionnaire d'accès aux ressources): its web service listing each user's resources (mutual TLS)
/// and its SAML service provider, for which Ent is the identity provider. Without <see cref="UrlWebService"/> the GAR is
/// off: the screens say so and nothing is sent.
/// </summary>
internal sealed class GarOptions
{
    public const string Section = "Ent:Gar";

    /// <summary>The web service's base address, e.g. https://ws-ressources.partenaire.test-gar.education.fr (no final slash needed).</summary>
    public string? UrlWebService { get; set; }

    /// <summary>Ent's identifier at the GAR (idENT), given by the GAR when the ENT is registered.</summary>
    public string IdEnt { get; set; } = "ENT-DEMO";

    /// <summary>Ent's client certificate for the web service (PKCS#12 file with its private key), issued for the GAR.</summary>
    public string? CertificatClient { get; set; }

    public string? MotDePasseCertificatClient { get; set; }

    /// <summary>
    /// A PEM file of the certification authority the web service's certificate must chain to, instead of the machine's
    /// store (the GAR's test platform, or a stand-in); null trusts the machine's store.
    /// </summary>
    public string? AutoriteServeur { get; set; }

    /// <summary>How long a user's list is served from the cache before the GAR is asked again.</summary>
    public int CacheMinutes { get; set; } = 5;

    /// <summary>How long a list already in the cache (out of date) may wait for the GAR before it is served as it was.</summary>
    public int DelaiAvecCacheMillisecondes { get; set; } = 1500;

    /// <summary>How long a first list waits for the GAR before the screen says the GAR does not answer.</summary>
    public int DelaiSansCacheSecondes { get; set; } = 8;

    /// <summary>How long a list stays usable as a stale answer when the GAR is slow or down.</summary>
    public int CachePerimeHeures { get; set; } = 24;

    /// <summary>
    /// The folder the daily affectation flux is written to (one zip per établissement), where the deposit on the GAR's
    /// platform takes it; empty: no daily flux.
    /// </summary>
    public string? DossierFlux { get; set; }

    /// <summary>The UAIs of the établissements subscribed to the GAR, whose flux is produced every day.</summary>
    public string[] EtablissementsFlux { get; set; } = [];

    /// <summary>The SAML side: Ent as the GAR's identity provider.</summary>
    public SamlGarOptions Saml { get; set; } = new();

    public bool Actif => !string.IsNullOrWhiteSpace(UrlWebService);
}

/// <summary>Ent:Gar:Saml — the GAR's service provider as registered, and Ent's signing key.</summary>
internal sealed class SamlGarOptions
{
    /// <summary>Ent's entity id as an IdP; null takes {Ent:UrlPublique}/saml/gar.</summary>
    public string? EntityId { get; set; }

    /// <summary>The GAR's service-provider entity id (its metadata's entityID).</summary>
    public string EntityIdGar { get; set; } = "https://sp-auth.partenaire.test-gar.education.fr";

    /// <summary>The GAR's assertion consumer service (HTTP-POST): the only address assertions are sent to.</summary>
    public string AcsGar { get; set; } = "https://sp-auth.partenaire.test-gar.education.fr/SAML2/POST";

    /// <summary>A PEM file of the certificate the GAR signs its authentication requests with.</summary>
    public string? CertificatGar { get; set; }

    /// <summary>Whether unsigned requests are refused (they are, unless the GAR's registration says it does not sign).</summary>
    public bool ExigerRequetesSignees { get; set; } = true;

    /// <summary>Ent's signing certificate with its private key (PKCS#12); none in the demo: one is made at start.</summary>
    public string? CertificatIdp { get; set; }

    public string? MotDePasseCertificatIdp { get; set; }

    /// <summary>How long an authentication request and an assertion are valid, in minutes.</summary>
    public int ValiditeMinutes { get; set; } = 5;
}
