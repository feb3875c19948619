using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ent.Ressources.Tests;

/// <summary>Certificates made for a test: an authority, and server or client certificates it issues.</summary>
public static class Certificats
{
    public static X509Certificate2 Autorite(string nom)
    {
        using var rsa = RSA.Create(2048);
        var demande = new CertificateRequest($"CN={nom}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        demande.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        demande.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var cert = demande.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 Emettre(X509Certificate2 autorite, string nom, bool serveur)
    {
        using var rsa = RSA.Create(2048);
        var demande = new CertificateRequest($"CN={nom}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        demande.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        demande.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        demande.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serveur ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serveur)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            demande.CertificateExtensions.Add(san.Build());
        }

        using var emis = demande.Create(autorite, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(12));
        using var avecCle = emis.CopyWithPrivateKey(rsa);
        return X509CertificateLoader.LoadPkcs12(avecCle.Export(X509ContentType.Pkcs12), null);
    }
}
