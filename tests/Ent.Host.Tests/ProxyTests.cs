using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ent.Kernel.Demo;
using Ent.Testing;
using Npgsql;

namespace Ent.Host.Tests;

/// <summary>
/// Ent behind a real nginx (Debian's nginx-light) that terminates TLS on loopback and forwards in plain http, from its
/// own address 127.0.0.2 — the only one Ent:Proxies trusts. Clients reach nginx from distinct loopback addresses
/// (127.0.0.11, .12…), so each has an address of its own, as people behind one proxy do.
/// </summary>
public sealed class ProxyApp : EntApp
{
    public const string Proxy = "127.0.0.2";

    public int PortEnt { get; } = PortLibre();
    public int PortProxy { get; } = PortLibre();
    public string UrlPublique => $"https://ent.test:{PortProxy}";
    public string Dossier { get; } = TestCluster.NewFolder("nginx");
    public X509Certificate2 Certificat { get; private set; } = null!;
    private Process? _nginx;

    public ProxyApp() => UseKestrel(PortEnt);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["urls"] = $"http://127.0.0.1:{PortEnt}",
        ["Ent:UrlPublique"] = UrlPublique,
        ["Ent:Proxies:0"] = Proxy,
    };

    public static int PortLibre()
    {
        using var ecoute = new TcpListener(IPAddress.Loopback, 0);
        ecoute.Start();
        return ((IPEndPoint)ecoute.LocalEndpoint).Port;
    }

    public override async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("ent");
        StartServer();
        try
        {
            await DemarrerNginxAsync();
        }
        catch
        {
            ArreterNginx();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        ArreterNginx();
        await base.DisposeAsync();
    }

    private void ArreterNginx()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit(10_000);
        }

        _nginx?.Dispose();
        _nginx = null;
    }

    private async Task DemarrerNginxAsync()
    {
        using (var rsa = RSA.Create(2048))
        {
            var demande = new CertificateRequest("CN=ent.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var noms = new SubjectAlternativeNameBuilder();
            noms.AddDnsName("ent.test");
            demande.CertificateExtensions.Add(noms.Build());
            Certificat = demande.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllTextAsync(Path.Combine(Dossier, "cert.pem"), Certificat.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(Dossier, "key.pem"), rsa.ExportPkcs8PrivateKeyPem());
        }

        // One process (no master, no worker switching user), in the foreground, everything in the temporary folder.
        var configuration = $$"""
            daemon off;
            master_process off;
            error_log {{Dossier}}/error.log warn;
            pid {{Dossier}}/nginx.pid;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{Dossier}}/body;
              proxy_temp_path {{Dossier}}/proxy;
              fastcgi_temp_path {{Dossier}}/fastcgi;
              uwsgi_temp_path {{Dossier}}/uwsgi;
              scgi_temp_path {{Dossier}}/scgi;
              server {
                listen 127.0.0.1:{{PortProxy}} ssl;
                server_name ent.test;
                ssl_certificate {{Dossier}}/cert.pem;
                ssl_certificate_key {{Dossier}}/key.pem;
                location / {
                  proxy_pass http://127.0.0.1:{{PortEnt}};
                  proxy_bind {{Proxy}};
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header X-Forwarded-Host $http_host;
                }
              }
            }
            """;
        var fichier = Path.Combine(Dossier, "nginx.conf");
        await File.WriteAllTextAsync(fichier, configuration);
        var psi = new ProcessStartInfo("nginx", ["-p", Dossier, "-e", Path.Combine(Dossier, "error.log"), "-c", fichier])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _nginx = Process.Start(psi) ?? throw new InvalidOperationException("nginx n'a pas démarré");
        _nginx.BeginErrorReadLine();
        _nginx.BeginOutputReadLine();
        var limite = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < limite && !_nginx.HasExited)
        {
            try
            {
                using var sonde = new TcpClient();
                await sonde.ConnectAsync(IPAddress.Loopback, PortProxy);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        var journal = File.Exists(Path.Combine(Dossier, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(Dossier, "error.log")) : "";
        throw new InvalidOperationException($"nginx n'écoute pas sur {PortProxy} après 60 s (sorti : {_nginx.HasExited}) : {journal}");
    }

    /// <summary>A client of the proxy, connecting from <paramref name="source"/> (a loopback address of its own).</summary>
    public HttpClient ClientParLeProxy(string source)
    {
        var empreinte = Certificat.GetCertHashString();
        var gestionnaire = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (contexte, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, PortProxy), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificat, _, _) => certificat?.GetCertHashString() == empreinte,
            },
        };
        return new HttpClient(gestionnaire) { BaseAddress = new Uri(UrlPublique), Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>Ent's own port, without the proxy (from 127.0.0.1, which Ent does not trust).</summary>
    public HttpClient ClientDirect() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{PortEnt}"),
        Timeout = TimeSpan.FromSeconds(120),
    };
}

public sealed class ProxyTests(ProxyApp app) : IClassFixture<ProxyApp>
{
    /// <summary>The login form, then its POST with the cookies it set (kept by hand: the clients keep none, so that Set-Cookie can be read).</summary>
    private static async Task<HttpResponseMessage> ConnexionAsync(HttpClient client, string identifiant, string motDePasse,
        Action<HttpRequestMessage>? enTetes = null)
    {
        var formulaire = await client.GetAsync("/connexion");
        Assert.Equal(HttpStatusCode.OK, formulaire.StatusCode);
        var champs = Navigateur.Champs(await formulaire.Content.ReadAsStringAsync());
        champs["Identifiant"] = identifiant;
        champs["MotDePasse"] = motDePasse;
        using var requete = new HttpRequestMessage(HttpMethod.Post, "/connexion") { Content = new FormUrlEncodedContent(champs) };
        requete.Headers.Add("Cookie", string.Join("; ", Cookies(formulaire).Select(c => c.Split(';')[0])));
        enTetes?.Invoke(requete);
        return await client.SendAsync(requete);
    }

    private async Task<List<string>> AdressesDesTentativesAsync(string identifiant)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT host(adresse) FROM identite.tentative_connexion WHERE identifiant = @i", conn);
        cmd.Parameters.AddWithValue("i", identifiant);
        var adresses = new List<string>();
        await using var lecture = await cmd.ExecuteReaderAsync();
        while (await lecture.ReadAsync())
        {
            adresses.Add(lecture.GetString(0));
        }

        return adresses;
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage reponse) =>
        reponse.Headers.TryGetValues("Set-Cookie", out var valeurs) ? valeurs : [];

    [Fact]
    public async Task Twenty_failures_from_one_client_behind_the_proxy_do_not_stop_another_client()
    {
        using var intrus = app.ClientParLeProxy("127.0.0.11");
        for (var i = 0; i < 20; i++)
        {
            var echec = await ConnexionAsync(intrus, $"inconnu.{i}", "mauvais");
            Assert.Equal(HttpStatusCode.Unauthorized, echec.StatusCode); // the form again, with its error
        }

        using var parent = app.ClientParLeProxy("127.0.0.12");
        var reponse = await ConnexionAsync(parent, "parent.003", DemoLycee.MotDePasse);

        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.Equal(["127.0.0.11"], (await AdressesDesTentativesAsync("inconnu.0")).Distinct());
        Assert.Equal(["127.0.0.12"], await AdressesDesTentativesAsync("parent.003"));
        // Behind an https proxy: every cookie Ent sets is Secure, and HSTS is sent.
        var cookies = Cookies(reponse).ToList();
        Assert.Contains(cookies, c => c.StartsWith("ent.session", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("ent.appareil", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(reponse.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_only_from_the_proxy()
    {
        // A client that sends its own X-Forwarded-For through nginx: nginx appends the real address, Ent keeps that one.
        using var parProxy = app.ClientParLeProxy("127.0.0.13");
        await ConnexionAsync(parProxy, "faux.proxy", "mauvais", r => r.Headers.Add("X-Forwarded-For", "198.51.100.10"));
        // Straight to Ent's port from an address that is not a proxy: the header is ignored.
        using var direct = app.ClientDirect();
        await ConnexionAsync(direct, "faux.direct", "mauvais", r =>
        {
            r.Headers.Add("X-Forwarded-For", "198.51.100.9");
            r.Headers.Add("X-Forwarded-Proto", "https");
        });

        Assert.Equal(["127.0.0.13"], await AdressesDesTentativesAsync("faux.proxy"));
        Assert.Equal(["127.0.0.1"], await AdressesDesTentativesAsync("faux.direct"));
    }

    [Fact]
    public async Task Cookies_of_the_login_form_are_secure_behind_the_proxy()
    {
        using var client = app.ClientParLeProxy("127.0.0.14");
        var formulaire = await client.GetAsync("/connexion");

        var cookies = Cookies(formulaire).ToList();
        Assert.Contains(cookies, c => c.StartsWith("ent.antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_issuer_is_the_public_address_whatever_the_host_header()
    {
        using var parProxy = app.ClientParLeProxy("127.0.0.15");
        var decouverte = await (await parProxy.GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        // Straight to Ent with a loopback name (a probe, a local script): the same public issuer and endpoints.
        using var direct = app.ClientDirect();
        using var requete = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        requete.Headers.Host = "localhost";
        var locale = await (await direct.SendAsync(requete)).ReadJsonAsync();

        Assert.Equal(app.UrlPublique + "/", (string?)decouverte["issuer"]);
        Assert.Equal(app.UrlPublique + "/connect/authorize", (string?)decouverte["authorization_endpoint"]);
        Assert.Equal(app.UrlPublique + "/", (string?)locale["issuer"]);
        Assert.Equal(app.UrlPublique + "/connect/token", (string?)locale["token_endpoint"]);
    }

    [Fact]
    public async Task Another_host_is_refused_except_for_the_health_checks()
    {
        using var parProxy = app.ClientParLeProxy("127.0.0.16");
        using var mauvais = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        mauvais.Headers.Host = "evil.example";
        var refuse = await parProxy.SendAsync(mauvais);
        using var direct = app.ClientDirect();
        using var mauvaisDirect = new HttpRequestMessage(HttpMethod.Get, "/connexion");
        mauvaisDirect.Headers.Host = "evil.example";
        var refuseDirect = await direct.SendAsync(mauvaisDirect);
        // A load balancer's probe calls the instance by its own address (Host: 10.0.3.7:8080): health stays open.
        using var sonde = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        sonde.Headers.Host = "10.0.3.7:8080";
        var sante = await direct.SendAsync(sonde);

        Assert.Equal(HttpStatusCode.BadRequest, refuse.StatusCode);
        Assert.Equal("urn:ent:probleme:hote-inconnu", (string?)(await refuse.ReadJsonAsync())["type"]);
        Assert.Equal(HttpStatusCode.BadRequest, refuseDirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sante.StatusCode);
    }
}
