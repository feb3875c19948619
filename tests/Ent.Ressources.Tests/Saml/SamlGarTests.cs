using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Ressources.Tests.Saml;

/// <summary>
/// Ent as the GAR's SAML 2.0 identity provider, checked by hand: the metadata; a signed AuthnRequest answered, once the
/// pupil has logged in, with a response and an assertion both signed (verified here with SignedXml and the metadata's
/// certificate only) carrying the GARPersonIdentifiant and never the pupil's name; and the requests refused: tampered,
/// signed by another key, unsigned, expired, replayed, and XML signature wrapping.
/// </summary>
public sealed class SamlGarTests(GarApp app) : IClassFixture<GarApp>
{
    private static string NouvelId() => "_" + Guid.NewGuid().ToString("N");

    private XmlDocument RequeteSignee(string? id = null) => SpGar.Signer(SpGar.Requete(id ?? NouvelId(), app.Horloge.GetUtcNow()), app.CertificatSp);

    private async Task<X509Certificate2> CertificatMetadonneesAsync()
    {
        var doc = new XmlDocument();
        doc.LoadXml(await app.CreateClient().GetStringAsync("/saml/gar/metadata"));
        var ns = SpGar.Espaces(doc);
        var base64 = doc.SelectSingleNode("/md:EntityDescriptor/md:IDPSSODescriptor/md:KeyDescriptor[@use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.InnerText;
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
    }

    /// <summary>The refusal page: 400, its French reason.</summary>
    private static async Task RefuseeAsync(HttpResponseMessage reponse, string motif)
    {
        var page = await reponse.Content.ReadAsStringAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.BadRequest, $"{(int)reponse.StatusCode}: {page}");
        Assert.Contains(WebUtility.HtmlEncode("Demande refusée"), page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(motif), page, StringComparison.Ordinal);
        Assert.DoesNotContain("SAMLResponse", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metadata_names_the_idp_its_sso_addresses_and_its_signing_certificate()
    {
        var reponse = await app.CreateClient().GetAsync("/saml/gar/metadata");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/samlmetadata+xml", reponse.Content.Headers.ContentType?.MediaType);
        var doc = new XmlDocument();
        doc.LoadXml(await reponse.Content.ReadAsStringAsync());
        var ns = SpGar.Espaces(doc);
        Assert.Equal("http://localhost/saml/gar", doc.DocumentElement!.GetAttribute("entityID"));
        var idp = (XmlElement)doc.SelectSingleNode("/md:EntityDescriptor/md:IDPSSODescriptor", ns)!;
        Assert.Equal("true", idp.GetAttribute("WantAuthnRequestsSigned"));
        Assert.Equal(["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"],
            idp.SelectNodes("md:SingleSignOnService", ns)!.Cast<XmlElement>().Select(e => e.GetAttribute("Binding")));
        Assert.All(idp.SelectNodes("md:SingleSignOnService", ns)!.Cast<XmlElement>(), e => Assert.Equal(SpGar.UrlSso, e.GetAttribute("Location")));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", idp.SelectSingleNode("md:NameIDFormat", ns)!.InnerText);
        var certificat = await CertificatMetadonneesAsync();
        Assert.NotNull(certificat.GetRSAPublicKey());
        Assert.False(certificat.HasPrivateKey);
    }

    [Fact]
    public async Task A_signed_request_is_answered_after_login_with_a_signed_assertion_carrying_the_pseudonym_never_the_pupils_name()
    {
        const string Login = "eleve.021";
        var identifiant = await app.IdentifiantGarAsync(Login, Guid.NewGuid());
        var requete = RequeteSignee();
        var idRequete = requete.DocumentElement!.GetAttribute("ID");
        using var navigateur = new Navigateur(app);

        // Not logged in yet: the login page first, then back to the request, then the page that posts to the GAR.
        var demande = await SpGar.PosterAsync(navigateur.Client, SpGar.Base64(requete));
        Assert.Equal(HttpStatusCode.Redirect, demande.StatusCode);
        Assert.StartsWith("/connexion?returnUrl=", demande.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (page, _) = await navigateur.ParcourirAsync(demande.Headers.Location.OriginalString, Login, DemoLycee.MotDePasse);
        var (action, reponse, relais) = await SpGar.FormulaireAsync(page);

        Assert.Equal(GarApp.AcsGar, action);
        Assert.Equal("relais-gar", relais);
        // The page may post to the GAR's origin (and no other), and is not kept by any cache.
        Assert.Contains("form-action 'self' https://sp-auth.gar.test;", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore, "the page carrying the assertion must not be cached");
        var ns = SpGar.Espaces(reponse);
        var racine = reponse.DocumentElement!;
        Assert.Equal(("Response", SpGar.NsProtocole), (racine.LocalName, racine.NamespaceURI));
        Assert.Equal(idRequete, racine.GetAttribute("InResponseTo"));
        Assert.Equal(GarApp.AcsGar, racine.GetAttribute("Destination"));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:status:Success", racine.SelectSingleNode("samlp:Status/samlp:StatusCode/@Value", ns)!.Value);

        // Both signatures verify with the metadata's certificate, each over its own element.
        var certificat = await CertificatMetadonneesAsync();
        SpGar.VerifierSignature(racine, certificat);
        var assertion = (XmlElement)Assert.Single(racine.SelectNodes("saml:Assertion", ns)!.Cast<XmlNode>());
        SpGar.VerifierSignature(assertion, certificat);
        Assert.Single(reponse.GetElementsByTagName("Assertion", SpGar.NsAssertion).Cast<XmlNode>());

        // Addressed to the GAR, for this request, for minutes.
        Assert.Equal(GarApp.EntityIdGar, assertion.SelectSingleNode("saml:Conditions/saml:AudienceRestriction/saml:Audience", ns)!.InnerText);
        var confirmation = (XmlElement)assertion.SelectSingleNode("saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData", ns)!;
        Assert.Equal(idRequete, confirmation.GetAttribute("InResponseTo"));
        Assert.Equal(GarApp.AcsGar, confirmation.GetAttribute("Recipient"));
        var fin = DateTimeOffset.Parse(confirmation.GetAttribute("NotOnOrAfter"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fin - app.Horloge.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));

        // The GARPersonIdentifiant: the persistent NameID and the IDO attribute; the établissement's UAI; the pupil profile.
        var nameId = (XmlElement)assertion.SelectSingleNode("saml:Subject/saml:NameID", ns)!;
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", nameId.GetAttribute("Format"));
        Assert.Equal(identifiant.ToString(), nameId.InnerText);
        string Attribut(string nom) => assertion.SelectSingleNode($"saml:AttributeStatement/saml:Attribute[@Name='{nom}']/saml:AttributeValue", ns)!.InnerText;
        Assert.Equal(identifiant.ToString(), Attribut("IDO"));
        Assert.Equal(DemoLycee.Uai, Attribut("UAI"));
        Assert.Equal("National_elv", Attribut("PRO"));

        // Never the pupil's name, birth date or Ent's own id.
        await using var conn = await app.Db.OpenConnectionAsync();
        var personne = DemoIds.Of("compte", Login);
        var (nom, prenom, naissance) = await conn.QuerySingleAsync<(string, string, DateTime)>(
            "SELECT nom, prenom, date_naissance FROM identite.personne WHERE id = @personne", new { personne });
        var xml = reponse.OuterXml;
        Assert.DoesNotContain(nom, xml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(prenom, xml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(naissance.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), xml, StringComparison.Ordinal);
        Assert.DoesNotContain(personne.ToString(), xml, StringComparison.OrdinalIgnoreCase);

        // Stable: the next request, with the session, gets the same pseudonym at once.
        var (_, encore, _) = await SpGar.FormulaireAsync(await SpGar.PosterAsync(navigateur.Client, SpGar.Base64(RequeteSignee())));
        Assert.Equal(identifiant.ToString(), encore.SelectSingleNode("//saml:Assertion/saml:Subject/saml:NameID", SpGar.Espaces(encore))!.InnerText);
    }

    [Fact]
    public async Task A_request_tampered_with_after_signing_is_refused()
    {
        // The assertion consumer address changed to an attacker's: the signature no longer matches.
        var requete = RequeteSignee();
        requete.DocumentElement!.SetAttribute("AssertionConsumerServiceURL", "https://sp-auth.gar.test/SAML2/POST?suite=https://pirate.example");
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(requete)), "a été modifiée");

        // The issuer's text changed.
        var autre = RequeteSignee();
        autre.DocumentElement!.FirstChild!.InnerText = GarApp.EntityIdGar + "/";
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(autre)), "a été modifiée");
    }

    [Fact]
    public async Task A_request_signed_by_another_key_than_the_GARs_is_refused_even_with_its_certificate_inside()
    {
        var pirate = Certificats.Emettre(Certificats.Autorite("Pirate"), "sp-auth.gar.test", serveur: false);
        var requete = SpGar.Signer(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow()), pirate);

        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(requete)), "ne vient pas du GAR");
    }

    [Fact]
    public async Task An_unsigned_an_expired_or_a_foreign_request_is_refused()
    {
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow()))),
            "n'est pas signée");

        var expiree = SpGar.Signer(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow() - TimeSpan.FromMinutes(10)), app.CertificatSp);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(expiree)), "expirée");

        // Signed by the GAR's key but asking for an answer elsewhere, or from another issuer.
        var ailleurs = SpGar.Signer(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow(), acs: "https://pirate.example/acs"), app.CertificatSp);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(ailleurs)), "pas celle du GAR");
        var emetteur = SpGar.Signer(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow(), emetteur: "https://pirate.example"), app.CertificatSp);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(emetteur)), "ne vient pas du GAR");

        // Not base64, not XML, a DTD (entity expansion).
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), "%%%"), "base64");
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), Convert.ToBase64String("<pas-du-xml"u8.ToArray())), "XML valide");
        var dtd = """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>""";
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(dtd))), "XML valide");
    }

    [Fact]
    public async Task A_replayed_request_is_refused_the_second_time()
    {
        var requete = SpGar.Base64(RequeteSignee());
        using var navigateur = new Navigateur(app);
        var (connecte, _) = await navigateur.ParcourirAsync("/connexion?returnUrl=%2Fsaml%2Fgar%2Fmetadata", "eleve.022", DemoLycee.MotDePasse);
        Assert.Equal(HttpStatusCode.OK, connecte.StatusCode);

        var premiere = await SpGar.PosterAsync(navigateur.Client, requete);
        await SpGar.FormulaireAsync(premiere);

        // The same request again (captured and posted again, by the same browser or another): refused.
        await RefuseeAsync(await SpGar.PosterAsync(navigateur.Client, requete), "déjà été reçue");
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), requete), "déjà été reçue");
    }

    [Fact]
    public async Task XML_signature_wrapping_is_refused()
    {
        // 1. The signed request kept whole inside the Extensions of a forged one (new ID, the attacker's address): the
        //    signature is not the root's own.
        var signee = RequeteSignee();
        var forgee = SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow(), acs: "https://pirate.example/acs");
        var extensions = forgee.CreateElement("samlp:Extensions", SpGar.NsProtocole);
        extensions.AppendChild(forgee.ImportNode(signee.DocumentElement!, true));
        forgee.DocumentElement!.InsertAfter(extensions, forgee.DocumentElement.FirstChild);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(forgee)), "pas à sa place");

        // 2. The signature moved to a forged root that takes the signed request's ID, the signed request hidden in its
        //    Extensions (where a naive check finds the element the reference names): the ID is there twice.
        signee = RequeteSignee();
        var id = signee.DocumentElement!.GetAttribute("ID");
        var signature = signee.DocumentElement.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        var faux = SpGar.Requete(id, app.Horloge.GetUtcNow(), acs: "https://pirate.example/acs");
        faux.DocumentElement!.InsertAfter(faux.ImportNode(signature, true), faux.DocumentElement.FirstChild);
        signee.DocumentElement.RemoveChild(signature);
        var cachette = faux.CreateElement("samlp:Extensions", SpGar.NsProtocole);
        cachette.AppendChild(faux.ImportNode(signee.DocumentElement, true));
        faux.DocumentElement.AppendChild(cachette);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(faux)), "repris ailleurs");

        // 3. The same forged root alone with the moved signature (the attacker's address, the signed ID): the digest fails.
        signee = RequeteSignee();
        id = signee.DocumentElement!.GetAttribute("ID");
        signature = signee.DocumentElement.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        var seul = SpGar.Requete(id, app.Horloge.GetUtcNow(), acs: "https://pirate.example/acs");
        seul.DocumentElement!.InsertAfter(seul.ImportNode(signature, true), seul.DocumentElement.FirstChild);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(seul)), "a été modifiée");

        // 4. A second signature (a signed copy inside, the root's own signature over the forged root by another key).
        var double_ = SpGar.Signer(SpGar.Requete(NouvelId(), app.Horloge.GetUtcNow(), acs: "https://pirate.example/acs"),
            Certificats.Emettre(Certificats.Autorite("Pirate"), "pirate", serveur: false));
        var ext = double_.CreateElement("samlp:Extensions", SpGar.NsProtocole);
        ext.AppendChild(double_.ImportNode(RequeteSignee().DocumentElement!, true));
        double_.DocumentElement!.AppendChild(ext);
        await RefuseeAsync(await SpGar.PosterAsync(app.CreateClient(), SpGar.Base64(double_)), "pas à sa place");
    }

    [Fact]
    public async Task A_guardian_gets_no_assertion_the_GAR_serves_no_family_account()
    {
        using var navigateur = new Navigateur(app);
        var (connecte, _) = await navigateur.ParcourirAsync("/connexion?returnUrl=%2Fsaml%2Fgar%2Fmetadata", "parent.041", DemoLycee.MotDePasse);
        Assert.Equal(HttpStatusCode.OK, connecte.StatusCode);

        var reponse = await SpGar.PosterAsync(navigateur.Client, SpGar.Base64(RequeteSignee()));

        Assert.Equal(HttpStatusCode.Forbidden, reponse.StatusCode);
        var page = await reponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SAMLResponse", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("réservées aux élèves"), page, StringComparison.Ordinal);
    }
}
