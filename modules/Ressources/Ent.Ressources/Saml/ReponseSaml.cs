using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Ent.Ressources.Gar;

namespace Ent.Ressources.Saml;

/// <summary>
/// The SAML 2.0 Response Ent sends the GAR: one assertion about the user, signed, inside a response signed too (RSA-SHA256,
/// exclusive canonicalisation). Subject and attributes carry the GAR's identifiers only: GARPersonIdentifiant (the
/// stable pseudonym, attribute IDO and the persistent NameID), the établissement's UAI and the GAR profile — never a
/// name, a birth date or Ent's own id.
/// </summary>
internal static class ReponseSaml
{
    private const string NsProtocole = LecteurRequeteAuthn.NsProtocole;
    private const string NsAssertion = LecteurRequeteAuthn.NsAssertion;

    /// <summary>The attributes' names, as the GAR's ENT interface names them.</summary>
    public const string AttributIdentifiant = "IDO";
    public const string AttributUai = "UAI";
    public const string AttributProfil = "PRO";

    internal sealed record Parametres(string EntityIdIdp, string EntityIdGar, string AcsGar, string? InResponseTo, UtilisateurGar Utilisateur,
        DateTimeOffset Maintenant, TimeSpan Validite, X509Certificate2 Certificat);

    public static string Construire(Parametres p)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        var idReponse = "_" + Guid.NewGuid().ToString("N");
        var idAssertion = "_" + Guid.NewGuid().ToString("N");
        var maintenant = Instant(p.Maintenant);
        var fin = Instant(p.Maintenant + p.Validite);

        var reponse = Element(doc, NsProtocole, "samlp:Response");
        doc.AppendChild(reponse);
        reponse.SetAttribute("ID", idReponse);
        reponse.SetAttribute("Version", "2.0");
        reponse.SetAttribute("IssueInstant", maintenant);
        reponse.SetAttribute("Destination", p.AcsGar);
        if (p.InResponseTo is not null)
        {
            reponse.SetAttribute("InResponseTo", p.InResponseTo);
        }

        reponse.AppendChild(Texte(doc, "saml:Issuer", p.EntityIdIdp));
        var statut = Element(doc, NsProtocole, "samlp:Status");
        var code = Element(doc, NsProtocole, "samlp:StatusCode");
        code.SetAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");
        statut.AppendChild(code);
        reponse.AppendChild(statut);

        var assertion = Element(doc, NsAssertion, "saml:Assertion");
        reponse.AppendChild(assertion);
        assertion.SetAttribute("ID", idAssertion);
        assertion.SetAttribute("Version", "2.0");
        assertion.SetAttribute("IssueInstant", maintenant);
        assertion.AppendChild(Texte(doc, "saml:Issuer", p.EntityIdIdp));

        var sujet = Element(doc, NsAssertion, "saml:Subject");
        var nameId = Texte(doc, "saml:NameID", p.Utilisateur.Identifiant.ToString());
        nameId.SetAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        sujet.AppendChild(nameId);
        var confirmation = Element(doc, NsAssertion, "saml:SubjectConfirmation");
        confirmation.SetAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        var donnees = Element(doc, NsAssertion, "saml:SubjectConfirmationData");
        donnees.SetAttribute("NotOnOrAfter", fin);
        donnees.SetAttribute("Recipient", p.AcsGar);
        if (p.InResponseTo is not null)
        {
            donnees.SetAttribute("InResponseTo", p.InResponseTo);
        }

        confirmation.AppendChild(donnees);
        sujet.AppendChild(confirmation);
        assertion.AppendChild(sujet);

        var conditions = Element(doc, NsAssertion, "saml:Conditions");
        conditions.SetAttribute("NotBefore", Instant(p.Maintenant - TimeSpan.FromMinutes(1)));
        conditions.SetAttribute("NotOnOrAfter", fin);
        var restriction = Element(doc, NsAssertion, "saml:AudienceRestriction");
        restriction.AppendChild(Texte(doc, "saml:Audience", p.EntityIdGar));
        conditions.AppendChild(restriction);
        assertion.AppendChild(conditions);

        var authn = Element(doc, NsAssertion, "saml:AuthnStatement");
        authn.SetAttribute("AuthnInstant", maintenant);
        authn.SetAttribute("SessionIndex", idAssertion);
        var contexte = Element(doc, NsAssertion, "saml:AuthnContext");
        contexte.AppendChild(Texte(doc, "saml:AuthnContextClassRef", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"));
        authn.AppendChild(contexte);
        assertion.AppendChild(authn);

        var attributs = Element(doc, NsAssertion, "saml:AttributeStatement");
        attributs.AppendChild(Attribut(doc, AttributIdentifiant, p.Utilisateur.Identifiant.ToString()));
        attributs.AppendChild(Attribut(doc, AttributUai, p.Utilisateur.Etablissement.Uai));
        attributs.AppendChild(Attribut(doc, AttributProfil, p.Utilisateur.Profil));
        assertion.AppendChild(attributs);

        // The assertion first (its signature is then part of what the response's signature covers).
        Signer(doc, assertion, idAssertion, p.Certificat);
        Signer(doc, reponse, idReponse, p.Certificat);
        return doc.OuterXml;
    }

    private static void Signer(XmlDocument doc, XmlElement element, string id, X509Certificate2 certificat)
    {
        var signe = new SignedXml(doc) { SigningKey = certificat.GetRSAPrivateKey() };
        signe.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signe.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signe.AddReference(reference);
        var cle = new KeyInfo();
        cle.AddClause(new KeyInfoX509Data(certificat));
        signe.KeyInfo = cle;
        signe.ComputeSignature();
        // SAML core §5.4.1: the signature follows the Issuer.
        var issuer = element.SelectSingleNode("*[local-name()='Issuer']")!;
        element.InsertAfter(doc.ImportNode(signe.GetXml(), true), issuer);
    }

    private static XmlElement Element(XmlDocument doc, string ns, string nom) => doc.CreateElement(nom, ns);

    private static XmlElement Texte(XmlDocument doc, string nom, string texte)
    {
        var e = doc.CreateElement(nom, NsAssertion);
        e.InnerText = texte;
        return e;
    }

    private static XmlElement Attribut(XmlDocument doc, string nom, string valeur)
    {
        var attribut = Element(doc, NsAssertion, "saml:Attribute");
        attribut.SetAttribute("Name", nom);
        attribut.SetAttribute("NameFormat", "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified");
        var v = Texte(doc, "saml:AttributeValue", valeur);
        attribut.AppendChild(v);
        return attribut;
    }

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The IdP's metadata: entity id, signing certificate, single sign-on addresses.</summary>
    public static string Metadonnees(string entityId, string urlSso, X509Certificate2 certificat, bool requetesSignees) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{System.Security.SecurityElement.Escape(entityId)}">
          <md:IDPSSODescriptor WantAuthnRequestsSigned="{(requetesSignees ? "true" : "false")}" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing">
              <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(certificat.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
            </md:KeyDescriptor>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{System.Security.SecurityElement.Escape(urlSso)}"/>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{System.Security.SecurityElement.Escape(urlSso)}"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;
}
