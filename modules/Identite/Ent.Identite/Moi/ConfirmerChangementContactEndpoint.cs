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
/// POST /api/identite/me/contacts/changements/{id}/confirmation — second step: the code received at the new contact.
/// Five tries per code, 15 minutes; the previous contact is told of the change.
/// </summary>
internal static class ConfirmerChangementContactEndpoint
{
    public const int EssaisParCode = 5;

    /// <summary>The code received at the new contact.</summary>
    /// <param name="Code">Six digits.</param>
    internal sealed record ConfirmationChangementContact(string Code);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/contacts/changements/{id:guid}/confirmation", Handle)
        .WithName("ConfirmerChangementContact")
        .WithSummary("Confirme le changement d'une coordonnée avec le code reçu à la nouvelle coordonnée.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record EnAttente(string Contact, string Valeur, string CodeHash, DateTimeOffset ExpireLe, int Essais, string? Email, string? Mobile);

    private static async Task<Results<Ok<ContactsEnregistres>, ValidationProblem, ProblemHttpResult>> Handle(Guid id,
        ConfirmationChangementContact confirmation, ICurrentUser user, HttpContext http, NpgsqlDataSource db, IMessagerie messagerie,
        TimeProvider clock, CancellationToken ct)
    {
        if (user.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!Contacts.ParApplicationEnt(http))
        {
            return Contacts.RefusApplicationTierce();
        }

        var code = confirmation.Code?.Trim() ?? string.Empty;
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return new Erreurs().Add("code", "Saisissez les 6 chiffres du code reçu.").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var attente = await conn.QuerySingleOrDefaultAsync<EnAttente>(new CommandDefinition("""
            SELECT ch.contact, ch.valeur, ch.code_hash, ch.expire_le, ch.essais, p.email, p.mobile
            FROM identite.changement_contact ch JOIN identite.personne p ON p.id = ch.personne_id
            WHERE ch.id = @id AND ch.personne_id = @personneId AND ch.confirme_le IS NULL AND ch.code_hash IS NOT NULL
            FOR UPDATE OF ch, p
            """, new { id, personneId }, tx, cancellationToken: ct));
        if (attente is null)
        {
            return Problemes.Introuvable("Aucun changement de coordonnée en attente ne correspond.");
        }

        if (attente.ExpireLe <= clock.GetUtcNow() || attente.Essais >= EssaisParCode)
        {
            return new Erreurs().Add("code", attente.Essais >= EssaisParCode
                ? "Trop d'essais pour ce code : demandez un nouveau code."
                : "Ce code a expiré : demandez un nouveau code.").ToProblem();
        }

        if (!MotsDePasse.Correct(attente.CodeHash, code))
        {
            await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.changement_contact SET essais = essais + 1 WHERE id = @id",
                new { id }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            var restants = EssaisParCode - attente.Essais - 1;
            return new Erreurs().Add("code", restants > 0
                ? $"Code incorrect : il vous reste {restants} essai{(restants > 1 ? "s" : "")}."
                : "Code incorrect : demandez un nouveau code.").ToProblem();
        }

        var estEmail = attente.Contact == Contacts.Email;
        var ancienne = estEmail ? attente.Email : attente.Mobile;
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.changement_contact SET confirme_le = @maintenant, ancienne_valeur = @ancienne WHERE id = @id
            """, new { id, ancienne, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(estEmail
            ? "UPDATE identite.personne SET email = @Valeur WHERE id = @personneId"
            : "UPDATE identite.personne SET mobile = @Valeur WHERE id = @personneId", new { attente.Valeur, personneId }, tx, cancellationToken: ct));
        if (ancienne is not null)
        {
            await Contacts.AlerterAncienAsync(messagerie, conn, tx, personneId, attente.Contact, ancienne, id.ToString("N"), ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(estEmail ? new ContactsEnregistres(attente.Valeur, attente.Mobile) : new ContactsEnregistres(attente.Email, attente.Valeur));
    }
}
