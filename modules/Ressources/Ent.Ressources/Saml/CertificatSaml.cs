using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ent.Ressources.Gar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Saml;

/// <summary>
/// Ent's SAML signing certificate (its private key signs the assertions; its public part is in the metadata), and the
/// GAR's certificate that signs its requests. Without a configured one (the demo, tests) a certificate is made at start:
/// fine for one instance, which the log says; several instances need the same configured file.
/// </summary>
internal sealed class CertificatSaml
{
    public X509Certificate2 Idp { get; }

    public X509Certificate2? Gar { get; }

    public CertificatSaml(IOptions<GarOptions> options, ILogger<CertificatSaml> logger)
    {
        var o = options.Value.Saml;
        if (!string.IsNullOrWhiteSpace(o.CertificatIdp))
        {
            Idp = X509CertificateLoader.LoadPkcs12FromFile(o.CertificatIdp, o.MotDePasseCertificatIdp, X509KeyStorageFlags.EphemeralKeySet);
        }
        else
        {
            logger.LogWarning("Ent:Gar:Saml:CertificatIdp is not set: a SAML signing certificate was made for this instance only.");
            using var rsa = RSA.Create(2048);
            var demande = new CertificateRequest("CN=Ent IdP SAML (GAR)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = demande.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            Idp = X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
        }

        if (!string.IsNullOrWhiteSpace(o.CertificatGar))
        {
            Gar = X509Certificate2.CreateFromPem(File.ReadAllText(o.CertificatGar));
        }
    }
}
