using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Ent.Testing;

namespace Ent.Ressources.Tests.Saml;

/// <summary>
/// The GAR's side of the exchange, written by hand for the tests: its AuthnRequest (HTTP-POST binding, enveloped
/// RSA-SHA256 signature with its key), posted to Ent's single sign-on address, and the checks of Ent's answer.
/// </summary>
public static class SpGar
{
    public const string NsProtocole = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string NsAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string UrlSso = "http://localhost/saml/gar/sso";

    /// <summary>An AuthnRequest as the GAR sends it, unsigned.</summary>
    public static XmlDocument Requete(string id, DateTimeOffset emise, string acs = GarApp.AcsGar, string emetteur = GarApp.EntityIdGar)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml($"""
            <samlp:AuthnRequest xmlns:samlp="{NsProtocole}" xmlns:saml="{NsAssertion}" ID="{id}" Version="2.0" IssueInstant="{emise.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}" Destination="{UrlSso}" AssertionConsumerServiceURL="{acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>{emetteur}</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" AllowCreate="true"/></samlp:AuthnRequest>
            """);
        return doc;
    }

    /// <summary>Signs the request's root (enveloped signature after the Issuer, exclusive c14n, RSA-SHA256), its certificate in KeyInfo.</summary>
    public static XmlDocument Signer(XmlDocument doc, X509Certificate2 certificat)
    {
        var racine = doc.DocumentElement!;
        var signe = new SignedXml(doc) { SigningKey = certificat.GetRSAPrivateKey() };
        signe.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signe.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + racine.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signe.AddReference(reference);
        var cle = new KeyInfo();
        cle.AddClause(new KeyInfoX509Data(certificat));
        signe.KeyInfo = cle;
        signe.ComputeSignature();
        racine.InsertAfter(doc.ImportNode(signe.GetXml(), true), racine.FirstChild);
        return doc;
    }

    public static string Base64(XmlDocument doc) => Convert.ToBase64String(Encoding.UTF8.GetBytes(doc.OuterXml));

    /// <summary>Posts the request to Ent's SSO address, as the browser does when the GAR sends it there.</summary>
    public static Task<HttpResponseMessage> PosterAsync(HttpClient client, string samlRequest, string relayState = "relais-gar") =>
        client.PostAsync("/saml/gar/sso", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SAMLRequest"] = samlRequest,
            ["RelayState"] = relayState,
        }));

    /// <summary>The page's form, which posts the SAMLResponse to the GAR: its action and its fields.</summary>
    public static async Task<(string Action, XmlDocument Reponse, string? RelayState)> FormulaireAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        var action = System.Text.RegularExpressions.Regex.Match(html, "<form id=\"envoi-gar\" method=\"post\" action=\"([^\"]+)\"").Groups[1].Value;
        var champs = Navigateur.Champs(html);
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Encoding.UTF8.GetString(Convert.FromBase64String(champs["SAMLResponse"])));
        return (WebUtility.HtmlDecode(action), doc, champs.GetValueOrDefault("RelayState"));
    }

    /// <summary>
    /// Checks one enveloped signature of <paramref name="element"/> with <paramref name="certificat"/> only, and that it
    /// covers that very element (its one reference is the element's ID).
    /// </summary>
    public static void VerifierSignature(XmlElement element, X509Certificate2 certificat)
    {
        var signature = Assert.Single(element.ChildNodes.OfType<XmlElement>(), e => e.LocalName == "Signature" && e.NamespaceURI == SignedXml.XmlDsigNamespaceUrl);
        var signe = new SignedXml(element.OwnerDocument);
        signe.LoadXml(signature);
        var reference = Assert.IsType<Reference>(Assert.Single(signe.SignedInfo!.References.Cast<object>()));
        Assert.Equal("#" + element.GetAttribute("ID"), reference.Uri);
        Assert.Equal(SignedXml.XmlDsigRSASHA256Url, signe.SignedInfo.SignatureMethod);
        Assert.True(signe.CheckSignature(certificat, verifySignatureOnly: true), "the signature does not verify with the IdP's certificate");
    }

    public static XmlNamespaceManager Espaces(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("samlp", NsProtocole);
        ns.AddNamespace("saml", NsAssertion);
        ns.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");
        ns.AddNamespace("ds", SignedXml.XmlDsigNamespaceUrl);
        return ns;
    }
}
