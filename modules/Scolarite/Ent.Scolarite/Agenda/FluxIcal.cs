using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// A person's private iCal feed address: <c>{Ent:UrlPublique}/ical/{jeton}.ics</c>. The token is 32 random bytes
/// (base64url, 43 characters): unguessable, so that the address alone opens the feed, as calendar apps need (they send
/// no cookie nor header). Only its SHA-256 is stored: the address is shown once, at creation.
/// </summary>
internal static class FluxIcal
{
    /// <summary>The purposes a feed may serve; one live feed per person and purpose.</summary>
    public static readonly string[] Usages = ["emploi-du-temps"];

    /// <summary>A new token and its stored hash.</summary>
    public static (string Jeton, byte[] Empreinte) NouveauJeton()
    {
        var jeton = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (jeton, Empreinte(jeton));
    }

    public static byte[] Empreinte(string jeton) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(jeton));

    /// <summary>True for what a token looks like (43 base64url characters), so that anything else is refused unread.</summary>
    public static bool EstJeton(string jeton) =>
        jeton.Length == 43 && jeton.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Adresse(IConfiguration configuration, string jeton) =>
        $"{(configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/')}/ical/{jeton}.ics";

    private static string Base64Url(byte[] octets) =>
        Convert.ToBase64String(octets).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
