using System.Net.Mail;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Ent.Communication.Contracts;
using Ent.Identite.Oidc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>E-mail addresses and mobile numbers as Ent stores them: trimmed, and numbers in E.164.</summary>
internal static partial class Contacts
{
    public const string Email = "email";
    public const string Mobile = "mobile";

    /// <summary>
    /// Whether the call comes through Ent's own application: contacts decide who can reset the password, so a
    /// third-party application, whatever scopes it was granted, never changes them.
    /// </summary>
    public static bool ParApplicationEnt(HttpContext http) => http.User.FindFirstValue("client_id") == ClientsOidc.Spa;

    public static ProblemHttpResult RefusApplicationTierce() => TypedResults.Problem(
        "Seule l'application Ent peut modifier vos coordonnées : une application tierce ne le peut pas, même autorisée.",
        statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");

    /// <summary>Tells the previous e-mail address or mobile number that it is no longer the account's.</summary>
    public static Task AlerterAncienAsync(IMessagerie messagerie, NpgsqlConnection conn, NpgsqlTransaction tx, Guid personneId,
        string contact, string ancienne, string changement, CancellationToken ct) =>
        messagerie.PlanifierAsync(contact == Email
            ? new MessageSortant(Canal.Courriel, ancienne, personneId, "Adresse électronique modifiée",
                "L'adresse électronique de votre compte Ent vient d'être modifiée. Si ce n'est pas vous, contactez l'établissement.",
                $"alerte-email:{personneId}:{changement}")
            : new MessageSortant(Canal.Sms, ancienne, personneId, "Mobile modifié",
                "Ent : le numéro de mobile de votre compte vient d'être modifié. Si ce n'est pas vous, contactez l'établissement.",
                $"alerte-mobile:{personneId}:{changement}"), conn, tx, ct);

    /// <summary>A French mobile (06…, 07…, +33…) or any E.164 number → E.164; null when it is not a mobile number.</summary>
    public static string? NormaliserMobile(string? saisie)
    {
        if (string.IsNullOrWhiteSpace(saisie))
        {
            return null;
        }

        var chiffres = Separateurs().Replace(saisie.Trim(), string.Empty);
        if (chiffres.StartsWith("00", StringComparison.Ordinal))
        {
            chiffres = "+" + chiffres[2..];
        }

        if (FrancaisNational().IsMatch(chiffres))
        {
            chiffres = "+33" + chiffres[1..];
        }

        return E164().IsMatch(chiffres) ? chiffres : null;
    }

    public static bool EmailValide(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var adresse)
        && adresse.Address == email.Trim() && adresse.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separateurs();

    [GeneratedRegex("^0[67][0-9]{8}$")]
    private static partial Regex FrancaisNational();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

/// <summary>The contacts as stored.</summary>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="Mobile">Mobile number in E.164, if any.</param>
internal sealed record ContactsEnregistres(string? Email, string? Mobile);
