using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Ent.Identite.Connexion;

/// <summary>
/// Between the password and the code, the browser carries this ticket in a hidden field instead of a session: it is
/// protected (so it cannot be forged or altered), bound to the person and the return address, and expires after five
/// minutes. Nothing is signed in until the code is right.
/// </summary>
/// <param name="PersonneId">Whose login it is.</param>
/// <param name="Identifiant">The login as typed, normalised: code failures count against it.</param>
/// <param name="Prenom">For the session's name claim, once signed in.</param>
/// <param name="Nom">Idem.</param>
/// <param name="Etape">What the ticket allows: <see cref="Code"/> or <see cref="Enrolement"/>.</param>
/// <param name="ReturnUrl">Where the login goes on, fixed at the password step: the form cannot change it.</param>
/// <param name="ResterConnecte">« Rester connecté » ticked at the password step.</param>
internal sealed record TicketConnexion(Guid PersonneId, string Identifiant, string Prenom, string Nom, string Etape, string ReturnUrl,
    bool ResterConnecte = false)
{
    public const string Code = "code";
    public const string Enrolement = "enrolement";

    public static readonly TimeSpan Duree = TimeSpan.FromMinutes(5);

    private static ITimeLimitedDataProtector Protecteur(IDataProtectionProvider protection) =>
        protection.CreateProtector("Ent.Identite.Connexion.Ticket").ToTimeLimitedDataProtector();

    public string Proteger(IDataProtectionProvider protection) =>
        Protecteur(protection).Protect(JsonSerializer.Serialize(this), Duree);

    /// <summary>The ticket, or null when it is missing, altered or expired.</summary>
    public static TicketConnexion? Lire(IDataProtectionProvider protection, string? valeur, string etape)
    {
        if (string.IsNullOrEmpty(valeur))
        {
            return null;
        }

        try
        {
            var ticket = JsonSerializer.Deserialize<TicketConnexion>(Protecteur(protection).Unprotect(valeur));
            return ticket?.Etape == etape ? ticket : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
