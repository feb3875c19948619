using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;

namespace Ent.Ressources.Tests;

/// <summary>A clock the test moves forward (then it runs on): the GAR's cache ages without waiting.</summary>
public sealed class HorlogeReglable : TimeProvider
{
    private TimeSpan _avance;

    public void Avancer(TimeSpan duree) => _avance += duree;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _avance;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}

/// <summary>
/// The host with the GAR's stand-ins: its web service (WireMock.Net over TLS, requiring a client certificate; both sides'
/// certificates issued by an authority made for the test, which Ent trusts through Ent:Gar:AutoriteServeur) and its
/// SAML service provider's registration (entity id, assertion consumer address, the certificate it signs requests with).
/// </summary>
public sealed class GarApp : EntApp
{
    public const string IdEnt = "ENT-TEST";
    public const string EntityIdGar = "https://sp-auth.gar.test";
    public const string AcsGar = "https://sp-auth.gar.test/SAML2/POST";

    public WireMockServer Gar { get; }

    public X509Certificate2 Autorite { get; } = Certificats.Autorite("Autorite GAR de test");

    public X509Certificate2 CertificatClient { get; }

    /// <summary>The GAR's SAML key pair (it signs its AuthnRequests).</summary>
    public X509Certificate2 CertificatSp { get; } = Certificats.Emettre(Certificats.Autorite("GAR SP"), "sp-auth.gar.test", serveur: false);

    public HorlogeReglable Horloge { get; } = new();

    private readonly string _dossier = TestCluster.NewFolder("gar");

    public GarApp()
    {
        CertificatClient = Certificats.Emettre(Autorite, "ent-test.client", serveur: false);
        Gar = WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = Certificats.Emettre(Autorite, "localhost", serveur: true) },
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            // The stand-in takes any certificate at the handshake; its answers check which (EmpreinteClient).
            AcceptAnyClientCertificate = true,
        });
        File.WriteAllBytes(Path.Combine(_dossier, "client.p12"), CertificatClient.Export(X509ContentType.Pkcs12, "mdp-client"));
        File.WriteAllText(Path.Combine(_dossier, "autorite.pem"), Autorite.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dossier, "sp.pem"), CertificatSp.ExportCertificatePem());
    }

    public string EmpreinteClient => CertificatClient.Thumbprint;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Gar:UrlWebService"] = Gar.Url!.Replace("0.0.0.0", "localhost", StringComparison.Ordinal),
        ["Ent:Gar:IdEnt"] = IdEnt,
        ["Ent:Gar:CertificatClient"] = Path.Combine(_dossier, "client.p12"),
        ["Ent:Gar:MotDePasseCertificatClient"] = "mdp-client",
        ["Ent:Gar:AutoriteServeur"] = Path.Combine(_dossier, "autorite.pem"),
        // 5 s: long enough for a first mutual-TLS call on a loaded 2-core machine, short enough for the slow GAR's test.
        ["Ent:Gar:DelaiSansCacheSecondes"] = "5",
        ["Ent:Gar:DelaiAvecCacheMillisecondes"] = "500",
        ["Ent:Gar:Saml:EntityIdGar"] = EntityIdGar,
        ["Ent:Gar:Saml:AcsGar"] = AcsGar,
        ["Ent:Gar:Saml:CertificatGar"] = Path.Combine(_dossier, "sp.pem"),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Horloge));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The person's GARPersonIdentifiant, set to a known value before Ent makes one (or as Ent made it).</summary>
    public async Task<Guid> IdentifiantGarAsync(string login, Guid? impose = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        var personne = DemoIds.Of("compte", login);
        if (impose is { } id)
        {
            await conn.ExecuteAsync("INSERT INTO ressources.gar_identifiant (personne_id, identifiant, cree_le) VALUES (@personne, @id, now())",
                new { personne, id });
        }

        return await conn.QuerySingleAsync<Guid>("SELECT identifiant FROM ressources.gar_identifiant WHERE personne_id = @personne", new { personne });
    }

    public override async ValueTask DisposeAsync()
    {
        Gar.Stop();
        Gar.Dispose();
        await base.DisposeAsync();
    }
}
