using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace Ent.Ressources.Saml;

/// <summary>An authentication request from the GAR, checked: what the answer needs.</summary>
/// <param name="Id">Its ID (the answer's InResponseTo).</param>
/// <param name="EmiseLe">Its IssueInstant.</param>
internal sealed record RequeteAuthn(string Id, DateTimeOffset EmiseLe);

/// <summary>Why a request is refused: a French sentence for the page.</summary>
internal sealed class RequeteRefusee(string motif) : Exception(motif);

/// <summary>
/// Reads and checks a SAML 2.0 AuthnRequest (HTTP-Redirect binding: deflated, signed over the query string; HTTP-POST
/// binding: an enveloped XML signature). The rules against forged requests, each tested:
/// - the signature is checked with the GAR's registered certificate only (never a key the message carries), RSA-SHA256;
/// - POST: exactly one signature, a direct child of the root, whose one reference is the root itself by its ID, an ID
///   no other element of the document carries (XML signature wrapping moves the signed element aside and puts an
///   unsigned one where the reader looks: what is read here is the very element the signature covers);
/// - no DTD, no external entity; a bounded size;
/// - the issuer, the destination, the assertion consumer address and the age are those expected (a replay, the same ID
///   again, is refused by the caller, which remembers IDs until they expire).
/// </summary>
internal static class LecteurRequeteAuthn
{
    public const string NsProtocole = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string NsAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string LiaisonPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const int TailleMax = 64 * 1024;

    /// <summary>What a request must say, as configured.</summary>
    internal sealed record Attendu(string EntityIdGar, string AcsGar, string UrlSso, X509Certificate2? CertificatGar, bool SignatureExigee,
        DateTimeOffset Maintenant, TimeSpan Validite);

    /// <summary>HTTP-Redirect: the raw query string, so that the signed octets are exactly those sent.</summary>
    public static RequeteAuthn LireRedirection(string requeteBrute, Attendu attendu)
    {
        var parametres = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var paire in requeteBrute.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = paire.IndexOf('=', StringComparison.Ordinal);
            var nom = i < 0 ? paire : paire[..i];
            if (!parametres.TryAdd(nom, i < 0 ? "" : paire[(i + 1)..]))
            {
                throw new RequeteRefusee($"Le paramètre {nom} est présent deux fois.");
            }
        }

        if (!parametres.TryGetValue("SAMLRequest", out var brute) || brute.Length == 0)
        {
            throw new RequeteRefusee("La demande ne contient pas de SAMLRequest.");
        }

        if (parametres.TryGetValue("Signature", out var signature))
        {
            if (!parametres.TryGetValue("SigAlg", out var algo) || Uri.UnescapeDataString(algo) != RsaSha256)
            {
                throw new RequeteRefusee("L'algorithme de signature n'est pas accepté (RSA-SHA256 seulement).");
            }

            // SAML bindings §3.4.4.1: SAMLRequest=…&RelayState=…&SigAlg=…, as URL-encoded in the request.
            var signe = "SAMLRequest=" + brute + (parametres.TryGetValue("RelayState", out var relais) ? "&RelayState=" + relais : "") + "&SigAlg=" + algo;
            if (attendu.CertificatGar?.GetRSAPublicKey() is not { } cle)
            {
                throw new RequeteRefusee("Le certificat du GAR n'est pas configuré : la signature ne peut pas être vérifiée.");
            }

            byte[] octets;
            try
            {
                octets = Convert.FromBase64String(Uri.UnescapeDataString(signature));
            }
            catch (FormatException)
            {
                throw new RequeteRefusee("La signature de la demande est illisible.");
            }

            if (!cle.VerifyData(Encoding.UTF8.GetBytes(signe), octets, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new RequeteRefusee("La signature de la demande ne correspond pas : elle a été modifiée ou ne vient pas du GAR.");
            }
        }
        else if (attendu.SignatureExigee)
        {
            throw new RequeteRefusee("La demande n'est pas signée.");
        }

        var xml = Inflater(Base64(Uri.UnescapeDataString(brute)));
        var racine = Charger(xml).DocumentElement!;
        if (racine.SelectNodes("//*[local-name()='Signature' and namespace-uri()='http://www.w3.org/2000/09/xmldsig#']")!.Count > 0)
        {
            throw new RequeteRefusee("Une demande par redirection ne porte pas de signature XML.");
        }

        return Verifier(racine, attendu);
    }

    /// <summary>HTTP-POST: the form's SAMLRequest (base64 of the XML), signed inside.</summary>
    public static RequeteAuthn LirePost(string samlRequest, Attendu attendu)
    {
        var doc = Charger(Base64(samlRequest));
        var racine = doc.DocumentElement!;
        var signatures = doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count == 0)
        {
            return attendu.SignatureExigee ? throw new RequeteRefusee("La demande n'est pas signée.") : Verifier(racine, attendu);
        }

        if (signatures.Count != 1 || signatures[0]!.ParentNode != racine)
        {
            throw new RequeteRefusee("La signature de la demande n'est pas à sa place : demande refusée.");
        }

        var id = racine.GetAttribute("ID");
        if (id.Length == 0 || doc.SelectNodes($"//*[@ID='{id.Replace("'", "", StringComparison.Ordinal)}' or @Id='{id.Replace("'", "", StringComparison.Ordinal)}' or @id='{id.Replace("'", "", StringComparison.Ordinal)}']")!.Count != 1)
        {
            throw new RequeteRefusee("L'identifiant de la demande est absent ou repris ailleurs dans le document : demande refusée.");
        }

        var signedXml = new SignedXml(doc);
        signedXml.LoadXml((XmlElement)signatures[0]!);
        if (signedXml.SignedInfo is not { } info || info.References.Count != 1 || info.References[0] is not Reference reference
            || reference.Uri != "#" + id
            || info.SignatureMethod != RsaSha256
            || Enumerable.Range(0, reference.TransformChain.Count).Select(i => reference.TransformChain[i]).Any(t => t is not (XmlDsigEnvelopedSignatureTransform or XmlDsigExcC14NTransform)))
        {
            throw new RequeteRefusee("La signature ne couvre pas la demande elle-même, ou avec des algorithmes non acceptés.");
        }

        if (attendu.CertificatGar is null)
        {
            throw new RequeteRefusee("Le certificat du GAR n'est pas configuré : la signature ne peut pas être vérifiée.");
        }

        if (!signedXml.CheckSignature(attendu.CertificatGar, verifySignatureOnly: true))
        {
            throw new RequeteRefusee("La signature de la demande ne correspond pas : elle a été modifiée ou ne vient pas du GAR.");
        }

        return Verifier(racine, attendu);
    }

    private static RequeteAuthn Verifier(XmlElement racine, Attendu attendu)
    {
        if (racine.LocalName != "AuthnRequest" || racine.NamespaceURI != NsProtocole)
        {
            throw new RequeteRefusee("Ce message n'est pas une demande d'authentification SAML 2.0.");
        }

        var id = racine.GetAttribute("ID");
        if (id.Length is 0 or > 256 || racine.GetAttribute("Version") != "2.0")
        {
            throw new RequeteRefusee("La demande n'a pas d'identifiant valide ou n'est pas en SAML 2.0.");
        }

        var emetteur = racine.SelectSingleNode("*[local-name()='Issuer' and namespace-uri()='" + NsAssertion + "']")?.InnerText.Trim();
        if (emetteur != attendu.EntityIdGar)
        {
            throw new RequeteRefusee("La demande ne vient pas du GAR enregistré auprès de cet ENT.");
        }

        if (racine.GetAttribute("Destination") is { Length: > 0 } destination && destination != attendu.UrlSso)
        {
            throw new RequeteRefusee("La demande est destinée à un autre fournisseur d'identité.");
        }

        if (racine.GetAttribute("AssertionConsumerServiceURL") is { Length: > 0 } acs && acs != attendu.AcsGar)
        {
            throw new RequeteRefusee("La demande demande une réponse à une adresse qui n'est pas celle du GAR.");
        }

        if (racine.GetAttribute("ProtocolBinding") is { Length: > 0 } liaison && liaison != LiaisonPost)
        {
            throw new RequeteRefusee("La demande veut une réponse autrement qu'en HTTP-POST.");
        }

        if (!DateTimeOffset.TryParse(racine.GetAttribute("IssueInstant"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var emise)
            || emise > attendu.Maintenant + TimeSpan.FromMinutes(1) || emise < attendu.Maintenant - attendu.Validite)
        {
            throw new RequeteRefusee("La demande est expirée ou datée dans le futur.");
        }

        return new RequeteAuthn(id, emise);
    }

    private static byte[] Base64(string texte)
    {
        if (texte.Length > TailleMax * 2)
        {
            throw new RequeteRefusee("La demande est trop volumineuse.");
        }

        try
        {
            return Convert.FromBase64String(texte);
        }
        catch (FormatException)
        {
            throw new RequeteRefusee("La demande n'est pas lisible (base64).");
        }
    }

    private static byte[] Inflater(byte[] compresse)
    {
        try
        {
            using var entree = new DeflateStream(new MemoryStream(compresse), CompressionMode.Decompress);
            using var sortie = new MemoryStream();
            var tampon = new byte[8192];
            int lus;
            while ((lus = entree.Read(tampon)) > 0)
            {
                sortie.Write(tampon, 0, lus);
                if (sortie.Length > TailleMax)
                {
                    throw new RequeteRefusee("La demande est trop volumineuse.");
                }
            }

            return sortie.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new RequeteRefusee("La demande n'est pas lisible (compression).");
        }
    }

    private static XmlDocument Charger(byte[] xml)
    {
        if (xml.Length > TailleMax)
        {
            throw new RequeteRefusee("La demande est trop volumineuse.");
        }

        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var lecteur = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = TailleMax,
            });
            doc.Load(lecteur);
        }
        catch (XmlException)
        {
            throw new RequeteRefusee("La demande n'est pas un document XML valide.");
        }

        return doc;
    }
}
