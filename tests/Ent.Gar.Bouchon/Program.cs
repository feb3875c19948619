using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Ent.Ressources.Tests;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;

// The GAR (Gestionnaire d'accès aux ressources) is a national service outside Ent's reach: for the end-to-end tests and the
// demo (build.ps1 run) this
// WireMock.Net server stands in for its web service, over mutual TLS as the real one. At start it makes an authority, its
// own server certificate and Ent's client certificate, writes into <dossier> what Ent is configured with — client.p12
// (password « bouchon-gar ») and autorite.pem — then « pret » last, and answers every user's resource list
// (GET /ressources/{idENT}/{UAI}/{GARPersonIdentifiant}) with two textbooks, only to that client certificate.
// Usage: Ent.Gar.Bouchon <port> <dossier>. It stops on SIGTERM.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0;
var dossier = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"ent-gar-{Environment.ProcessId}");
Directory.CreateDirectory(dossier);

var autorite = Certificats.Autorite("Autorite GAR de demonstration");
var client = Certificats.Emettre(autorite, "ent.client.gar", serveur: false);
using var serveur = WireMockServer.Start(new WireMockServerSettings
{
    Port = port,
    UseSSL = true,
    CertificateSettings = new WireMockCertificateSettings { X509Certificate = Certificats.Emettre(autorite, "localhost", serveur: true) },
    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
    AcceptAnyClientCertificate = true,
    ReadStaticMappings = false,
});

var adresse = serveur.Url!.Replace("0.0.0.0", "localhost", StringComparison.Ordinal);
// Where « Ouvrir » leads, a browser's page: the same authority, but no client certificate asked (a browser has none).
using var pages = WireMockServer.Start(new WireMockServerSettings
{
    UseSSL = true,
    CertificateSettings = new WireMockCertificateSettings { X509Certificate = Certificats.Emettre(autorite, "localhost", serveur: true) },
    ReadStaticMappings = false,
});
var adressePages = pages.Url!.Replace("0.0.0.0", "localhost", StringComparison.Ordinal);
var liste = JsonSerializer.Serialize(new
{
    listeRessources = new
    {
        ressource = new[]
        {
            ("ark:/49591/demo-maths-2nde", "Mathématiques 2de — manuel numérique", "Mathématiques"),
            ("ark:/49591/demo-histoire-2nde", "Histoire-Géographie 2de — manuel numérique", "Histoire-géographie"),
        }.Select(r => new
        {
            idRessource = r.Item1,
            idType = "ark",
            nomRessource = r.Item2,
            idEditeur = "ed-demo",
            nomEditeur = "Éditions de démonstration",
            urlVignette = (string?)null,
            typePresentation = new { code = "MAN", nom = "Manuel numérique" },
            niveauEducatif = new[] { new { uri = "http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-027", nom = "Seconde" } },
            domaineEnseignement = new[] { new { uri = "http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-015-num-1108", nom = r.Item3 } },
            urlAccesRessource = $"{adressePages}/acces/{Uri.EscapeDataString(r.Item1)}",
            nomSourceEtiquetteGar = "Accessible via le GAR",
        }),
    },
});

serveur.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/ressources/[^/]+/[^/]+/[^/]+$")).UsingGet())
    .RespondWith(Response.Create().WithCallback(requete =>
    {
        var connu = requete.ClientCertificate?.Thumbprint == client.Thumbprint;
        return new WireMock.ResponseMessage
        {
            StatusCode = connu ? 200 : 403,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new WireMock.Util.BodyData
            {
                DetectedBodyType = BodyType.String,
                BodyAsString = connu ? liste : """{"Erreur":{"Message":"Certificat client inconnu"}}""",
            },
        };
    }));
// Where « Ouvrir » leads: the GAR's access page (here a plain page).
pages.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/acces/.*")).UsingGet())
    .RespondWith(Response.Create().WithHeader("Content-Type", "text/html; charset=utf-8")
        .WithBody("<!doctype html><html lang=\"fr\"><meta name=\"viewport\" content=\"width=device-width\"><title>GAR de démonstration</title>"
            + "<h1>Ressource ouverte (GAR de démonstration)</h1><p>Ici s'ouvrirait le manuel numérique, chez son éditeur, après le passage par le GAR.</p></html>"));

File.WriteAllBytes(Path.Combine(dossier, "client.p12"), client.Export(X509ContentType.Pkcs12, "bouchon-gar"));
File.WriteAllText(Path.Combine(dossier, "autorite.pem"), autorite.ExportCertificatePem());
File.WriteAllText(Path.Combine(dossier, "url"), adresse);
File.WriteAllText(Path.Combine(dossier, "pret"), "pret");
Console.WriteLine($"GAR de test prêt sur {adresse} (certificats dans {dossier})");

using var arret = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => arret.Cancel();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; arret.Cancel(); };
try
{
    await Task.Delay(Timeout.Infinite, arret.Token);
}
catch (OperationCanceledException)
{
}
