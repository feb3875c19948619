using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Ent.Identite.Activation;

/// <summary>
/// Between the code (step 1) and the password (step 2), the browser carries this ticket in a hidden field: protected
/// (it cannot be forged or altered), valid 30 minutes. It names the code that proved the person; step 2 consumes that
/// very code, in the transaction that activates the account, so a ticket opens one activation at most.
/// </summary>
/// <param name="CompteId">The account to activate.</param>
/// <param name="PersonneId">Its person.</param>
/// <param name="Identifiant">Its login (the password must not contain it).</param>
/// <param name="Prenom">For the greeting and the session.</param>
/// <param name="Nom">Idem.</param>
/// <param name="Source"><see cref="Lettre"/> (code_activation) or <see cref="Envoi"/> (code_reinitialisation, sent by SMS or e-mail).</param>
/// <param name="CodeId">The code's row.</param>
internal sealed record TicketActivation(Guid CompteId, Guid PersonneId, string Identifiant, string Prenom, string Nom, string Source, Guid CodeId)
{
    public const string Lettre = "lettre";
    public const string Envoi = "envoi";

    public static readonly TimeSpan Duree = TimeSpan.FromMinutes(30);

    private static ITimeLimitedDataProtector Protecteur(IDataProtectionProvider protection) =>
        protection.CreateProtector("Ent.Identite.Activation.Ticket").ToTimeLimitedDataProtector();

    public string Proteger(IDataProtectionProvider protection) => Protecteur(protection).Protect(JsonSerializer.Serialize(this), Duree);

    /// <summary>The ticket, or null when it is missing, altered or expired.</summary>
    public static TicketActivation? Lire(IDataProtectionProvider protection, string? valeur)
    {
        if (string.IsNullOrEmpty(valeur))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TicketActivation>(Protecteur(protection).Unprotect(valeur));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
