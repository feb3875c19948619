using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// GET and PUT /api/identite/etablissements/{uai}/double-authentification-personnel — whether the établissement requires
/// a second factor (TOTP) of its staff (profile personnel: head, CPE, nurse, secretariat…; see SecondFacteur). Once
/// required, a member of staff without one is asked to enrol at their next login. The établissement's administrators
/// read and switch it; the switch is written to the access log.
/// </summary>
internal static class DoubleAuthentificationPersonnelEndpoints
{
    /// <summary>The établissement's rule.</summary>
    /// <param name="Exigee">True when its staff must log in with a second factor.</param>
    internal sealed record DoubleAuthentificationPersonnel(bool? Exigee);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/etablissements/{uai}/double-authentification-personnel", Lire)
            .WithName("ObtenirDoubleAuthentificationPersonnel")
            .WithSummary("Dit si l'établissement exige la double authentification de son personnel (direction et administrateurs locaux).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/etablissements/{uai}/double-authentification-personnel", Definir)
            .WithName("DefinirDoubleAuthentificationPersonnel")
            .WithSummary("Exige, ou non, la double authentification du personnel de l'établissement (direction et administrateurs locaux).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<DoubleAuthentificationPersonnel>, ValidationProblem, ProblemHttpResult>> Lire(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        var admin = await EtablissementAdministre.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (admin.Invalide is { } invalide)
        {
            return invalide;
        }

        if (admin.Refus is { } refus)
        {
            return refus;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(new DoubleAuthentificationPersonnel(await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT double_authentification_personnel FROM identite.etablissement WHERE id = @id", new { id = admin.Etablissement!.Id },
            cancellationToken: ct))));
    }

    private static async Task<Results<Ok<DoubleAuthentificationPersonnel>, ValidationProblem, ProblemHttpResult>> Definir(
        string uai, DoubleAuthentificationPersonnel? corps, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var admin = await EtablissementAdministre.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (admin.Invalide is { } invalide)
        {
            return invalide;
        }

        if (admin.Refus is { } refus)
        {
            return refus;
        }

        if (corps?.Exigee is not { } exigee)
        {
            return new Erreurs().Add("exigee", "Dites si la double authentification est exigée du personnel (exigee : true ou false).").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE identite.etablissement SET double_authentification_personnel = @exigee WHERE id = @id",
            new { exigee, id = admin.Etablissement!.Id }, cancellationToken: ct));

        // No person's data changed: the row names the administrator as the person concerned, so that the établissement's
        // log still tells who switched the rule, and when.
        await journal.NoterAsync(admin, http, [admin.PersonneId], ActionAcces.Modification, "DefinirDoubleAuthentificationPersonnel", ct);
        return TypedResults.Ok(new DoubleAuthentificationPersonnel(exigee));
    }
}
