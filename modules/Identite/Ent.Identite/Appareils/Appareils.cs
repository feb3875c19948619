using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ent.Communication.Contracts;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Ent.Identite.Appareils;

/// <summary>
/// Recognises the browser at every login (password, second factor or EduConnect: called when the login session
/// opens). A device never seen for this person is recorded and, unless it is their very first, announced to them by
/// e-mail (or SMS): a hijacked account shows itself to its owner. The session opened there is bound to the device
/// (forgetting the device ends it), and a login kept with « Rester connecté » is shown on it while it holds.
/// </summary>
internal sealed class Appareils(NpgsqlDataSource db, IMessagerie messagerie, TimeProvider clock)
{
    public const string Cookie = "ent.appareil";

    private sealed record Contact(string? Email, string? Mobile);

    private sealed record Enregistre(Guid Id, bool Nouveau);

    /// <summary>
    /// Records the device of a session about to open; its id, for the session's claims. <c>tamponMemorise</c>: the
    /// account's stamp when the login is kept (« Rester connecté »), else null.
    /// </summary>
    public async Task<Guid> ConnexionOuverteAsync(HttpContext http, Guid personneId, Guid? tamponMemorise, CancellationToken ct)
    {
        var valeur = http.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(valeur) || valeur.Length != 43)
        {
            valeur = Base64Url(RandomNumberGenerator.GetBytes(32));
            http.Response.Cookies.Append(Cookie, valeur, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(400),
            });
        }

        var empreinte = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(valeur)));
        var libelle = Libelle(http.Request.Headers.UserAgent.ToString());
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var connus = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM identite.appareil WHERE personne_id = @personneId", new { personneId }, tx, cancellationToken: ct));
        var appareil = await conn.QuerySingleAsync<Enregistre>(new CommandDefinition("""
            INSERT INTO identite.appareil (id, personne_id, empreinte, libelle, connexion_memorisee_tampon)
            VALUES (@id, @personneId, @empreinte, @libelle, @tamponMemorise)
            ON CONFLICT (personne_id, empreinte) DO UPDATE
                SET dernier_vu = now(), libelle = excluded.libelle, connexion_memorisee_tampon = excluded.connexion_memorisee_tampon
            RETURNING id, xmax = 0 AS nouveau
            """, new { id = Guid.CreateVersion7(), personneId, empreinte, libelle, tamponMemorise }, tx, cancellationToken: ct));
        if (appareil.Nouveau && connus > 0)
        {
            var contact = await conn.QuerySingleAsync<Contact>(new CommandDefinition(
                "SELECT email, mobile FROM identite.personne WHERE id = @personneId", new { personneId }, tx, cancellationToken: ct));
            var quand = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).ToString("dd/MM/yyyy 'à' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
            var texte = $"Ent : nouvelle connexion à votre compte le {quand} depuis un appareil inconnu ({libelle}). " +
                        "Si ce n'est pas vous, changez votre mot de passe et contactez l'établissement.";
            var cle = $"nouvel-appareil:{personneId}:{empreinte[..16]}";
            await messagerie.PlanifierAsync(contact.Email is not null
                ? new MessageSortant(Canal.Courriel, contact.Email, personneId, "Nouvelle connexion à votre compte Ent", texte, cle)
                : contact.Mobile is not null
                    ? new MessageSortant(Canal.Sms, contact.Mobile, personneId, "Nouvelle connexion", texte, cle)
                    : new MessageSortant(Canal.Application, null, personneId, "Nouvelle connexion à votre compte", texte, cle), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return appareil.Id;
    }

    /// <summary>A normal logout on this device: its login is no longer kept.</summary>
    public async Task OublierConnexionAsync(Guid appareilId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE identite.appareil SET connexion_memorisee_tampon = NULL WHERE id = @appareilId", new { appareilId }, cancellationToken: ct));
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A short, human label of the browser: enough for the owner to recognise it, nothing precise.</summary>
    internal static string Libelle(string userAgent)
    {
        var navigateur = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "navigateur",
        };
        var systeme = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "système inconnu",
        };
        return $"{navigateur} sur {systeme}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
