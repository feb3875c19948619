using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Ressources.Tests.Saml;

/// <summary>
/// Ent's SAML IdP against an independent service provider standing in for the GAR: @node-saml/node-saml (client-app's dev
/// dependency), driven through Saml/sp-gar.mjs. It signs its AuthnRequest (HTTP-Redirect binding, RSA-SHA256), Ent
/// answers once the pupil is logged in, and node-saml validates the response (both signatures with the metadata's
/// certificate, audience, InResponseTo, times) and reads the GARPersonIdentifiant.
/// </summary>
public sealed class SamlNodeSamlTests(GarApp app) : IClassFixture<GarApp>
{
    private sealed class Sp : IAsyncDisposable
    {
        private readonly Process _node;

        public Sp()
        {
            var racine = Http.RepositoryRoot();
            var depart = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                WorkingDirectory = racine,
            };
            depart.ArgumentList.Add(Path.Combine(racine, "tests", "Ent.Ressources.Tests", "Saml", "sp-gar.mjs"));
            depart.ArgumentList.Add(racine);
            _node = Process.Start(depart) ?? throw new InvalidOperationException("node could not start.");
        }

        public async Task<JsonNode> EchangerAsync(string ligne)
        {
            await _node.StandardInput.WriteLineAsync(ligne);
            await _node.StandardInput.FlushAsync();
            using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var reponse = await _node.StandardOutput.ReadLineAsync(delai.Token);
            return reponse is null
                ? throw new InvalidOperationException("sp-gar.mjs stopped: " + await _node.StandardError.ReadToEndAsync(delai.Token))
                : JsonNode.Parse(reponse)!;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_node.HasExited)
            {
                _node.Kill();
            }

            await _node.WaitForExitAsync();
            _node.Dispose();
        }
    }

    private async Task<string> CertificatIdpAsync()
    {
        var doc = new XmlDocument();
        doc.LoadXml(await app.CreateClient().GetStringAsync("/saml/gar/metadata"));
        return doc.GetElementsByTagName("X509Certificate", "http://www.w3.org/2000/09/xmldsig#")[0]!.InnerText;
    }

    private async Task<(Sp Sp, string Url)> DemandeAsync()
    {
        var sp = new Sp();
        var url = await sp.EchangerAsync(JsonSerializer.Serialize(new
        {
            entryPoint = SpGar.UrlSso,
            issuer = GarApp.EntityIdGar,
            callbackUrl = GarApp.AcsGar,
            idpCert = await CertificatIdpAsync(),
            privateKey = app.CertificatSp.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(),
        }));
        return (sp, (string)url["url"]!);
    }

    [Fact]
    public async Task Node_saml_as_the_GAR_gets_a_response_it_validates_with_the_pupils_pseudonym()
    {
        const string Login = "eleve.031";
        var identifiant = await app.IdentifiantGarAsync(Login, Guid.NewGuid());
        var (sp, url) = await DemandeAsync();
        await using var fin = sp;
        Assert.StartsWith(SpGar.UrlSso + "?SAMLRequest=", url, StringComparison.Ordinal);
        Assert.Contains("&Signature=", url, StringComparison.Ordinal);

        // The browser follows the GAR's redirect to Ent, logs in, and gets the page posting to the GAR.
        using var navigateur = new Navigateur(app);
        var (page, _) = await navigateur.ParcourirAsync(new Uri(url).PathAndQuery, Login, DemoLycee.MotDePasse);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        var champs = Navigateur.Champs(html);
        Assert.Equal("relais-gar", champs["RelayState"]);

        var resultat = await sp.EchangerAsync(champs["SAMLResponse"]);

        Assert.True(resultat["profile"] is not null, resultat.ToJsonString());
        var profil = resultat["profile"]!;
        Assert.Equal(identifiant.ToString(), (string?)profil["nameID"]);
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", (string?)profil["nameIDFormat"]);
        Assert.Equal(identifiant.ToString(), (string?)profil["IDO"]);
        Assert.Equal(DemoLycee.Uai, (string?)profil["UAI"]);
        Assert.Equal("National_elv", (string?)profil["PRO"]);
        Assert.Equal("http://localhost/saml/gar", (string?)profil["issuer"]);
    }

    [Fact]
    public async Task Node_saml_refuses_a_response_tampered_with_on_the_way()
    {
        const string Login = "eleve.032";
        await app.IdentifiantGarAsync(Login, Guid.NewGuid());
        var (sp, url) = await DemandeAsync();
        await using var fin = sp;
        using var navigateur = new Navigateur(app);
        var (page, _) = await navigateur.ParcourirAsync(new Uri(url).PathAndQuery, Login, DemoLycee.MotDePasse);
        var reponse = Navigateur.Champs(await page.Content.ReadAsStringAsync())["SAMLResponse"];

        // Another pseudonym put in the assertion: node-saml's signature check fails, so Ent's signature does protect it.
        var xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(reponse));
        var identifiant = await app.IdentifiantGarAsync(Login);
        var falsifiee = xml.Replace(identifiant.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);
        Assert.NotEqual(xml, falsifiee);
        var resultat = await sp.EchangerAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(falsifiee)));

        Assert.Null(resultat["profile"]);
        Assert.Contains("signature", (string?)resultat["erreur"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Node_samls_redirect_request_changed_on_the_way_or_replayed_is_refused()
    {
        var (sp, url) = await DemandeAsync();
        await using var fin = sp;
        var chemin = new Uri(url).PathAndQuery;
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The RelayState changed after node-saml signed the query string.
        var changee = await client.GetAsync(chemin.Replace("RelayState=relais-gar", "RelayState=relais-pirate", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, changee.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode("a été modifiée"), await changee.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // As sent: taken (to the login page); again: refused.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(chemin)).StatusCode);
        var rejouee = await client.GetAsync(chemin);
        Assert.Equal(HttpStatusCode.BadRequest, rejouee.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode("déjà été reçue"), await rejouee.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
