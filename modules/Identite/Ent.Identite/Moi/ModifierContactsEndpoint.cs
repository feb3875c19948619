using Dapper;
using Ent.Communication.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>
/// PUT /api/identite/me/contacts — the e-mail address and mobile number where Ent notifies the connected person.
/// A change is announced to the previous address or number as well, so that a hijacked account cannot quietly
/// redirect the family's notifications.
/// </summary>
internal static class ModifierContactsEndpoint
{
    /// <summary>Where to reach the person; an empty value removes it.</summary>
    /// <param name="Email">E-mail address.</param>
    /// <param name="Mobile">Mobile number (06 12 34 56 78 or +33 6 12 34 56 78), stored in E.164.</param>
    internal sealed record ContactsModifies(string? Email, string? Mobile);

    /// <summary>The contacts as stored.</summary>
    /// <param name="Email">E-mail address, if any.</param>
    /// <param name="Mobile">Mobile number in E.164, if any.</param>
    internal sealed record ContactsEnregistres(string? Email, string? Mobile);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/contacts", Handle)
        .WithName("ModifierContacts")
        .WithSummary("Modifie l'adresse électronique et le numéro de mobile de la personne connectée.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private sealed record Actuels(string? Email, string? Mobile);

    private static async Task<Results<Ok<ContactsEnregistres>, ValidationProblem, ProblemHttpResult>> Handle(ContactsModifies demande,
        ICurrentUser user, NpgsqlDataSource db, IMessagerie messagerie, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        var email = string.IsNullOrWhiteSpace(demande.Email) ? null : demande.Email.Trim();
        var mobile = string.IsNullOrWhiteSpace(demande.Mobile) ? null : Contacts.NormaliserMobile(demande.Mobile);
        var erreurs = new Erreurs()
            .Require(email is null || Contacts.EmailValide(email), "email", "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.")
            .Require(string.IsNullOrWhiteSpace(demande.Mobile) || mobile is not null, "mobile", "Saisissez un numéro de mobile, par exemple 06 12 34 56 78.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var actuels = await conn.QuerySingleOrDefaultAsync<Actuels>(new CommandDefinition(
            "SELECT email, mobile FROM identite.personne WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (actuels is null)
        {
            return Problemes.Introuvable("Cette personne n'existe plus.");
        }

        await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.personne SET email = @email, mobile = @mobile WHERE id = @id",
            new { email, mobile, id }, tx, cancellationToken: ct));
        var changement = Guid.NewGuid().ToString("N");
        if (actuels.Email is not null && actuels.Email != email)
        {
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Courriel, actuels.Email, id, "Adresse électronique modifiée",
                "L'adresse électronique de votre compte Ent vient d'être modifiée. Si ce n'est pas vous, contactez l'établissement.",
                $"alerte-email:{id}:{changement}"), conn, tx, ct);
        }

        if (actuels.Mobile is not null && actuels.Mobile != mobile)
        {
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, actuels.Mobile, id, "Mobile modifié",
                "Ent : le numéro de mobile de votre compte vient d'être modifié. Si ce n'est pas vous, contactez l'établissement.",
                $"alerte-mobile:{id}:{changement}"), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ContactsEnregistres(email, mobile));
    }
}
