using System.Security.Claims;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// The établissement named by a route's {uai}, when the caller administers it — its head (<c>direction</c>) or a local
/// administrator (<c>administrateur_local</c>), as <see cref="IReglesAcces.PeutAdministrerAsync"/> says — or the answer
/// to give instead: 400 for a malformed UAI, 404 alike for an unknown établissement and one the caller does not run.
/// A region administrator does not act inside an établissement here: these screens name pupils and families, and the
/// region sees no pupil's data (ReglesAcces); the region's own screen is <see cref="ListerEtablissementsRegionEndpoint"/>.
/// </summary>
internal sealed record EtablissementAdministre(EtablissementInfo? Etablissement, Guid PersonneId, ValidationProblem? Invalide, ProblemHttpResult? Refus)
{
    public static async Task<EtablissementAdministre> VerifierAsync(string uai, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, CancellationToken ct)
    {
        var (etablissement, invalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return new EtablissementAdministre(null, Guid.Empty, invalide, null);
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return new EtablissementAdministre(null, Guid.Empty, null, Problemes.SansPersonne());
        }

        return etablissement is not null && await regles.PeutAdministrerAsync(personneId, etablissement.Id, ct)
            ? new EtablissementAdministre(etablissement, personneId, null, null)
            : new EtablissementAdministre(null, personneId, null,
                Problemes.Introuvable($"Vous n'administrez aucun établissement d'UAI {Uai.Normalize(uai)}."));
    }

    /// <summary>The 404 for a person who is nobody in this établissement (or does not exist: the same answer).</summary>
    public static ProblemHttpResult PersonneIntrouvable() =>
        Problemes.Introuvable("Aucune personne de cet établissement ne porte cet identifiant.");

    /// <summary>True when the person holds (or held: a withdrawn profile still counts) a profile in the établissement.</summary>
    public static Task<bool> RattacheeAsync(NpgsqlConnection conn, Guid personneId, Guid etablissementId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM identite.rattachement WHERE personne_id = @personneId AND etablissement_id = @etablissementId)
            """, new { personneId, etablissementId }, cancellationToken: ct));

}

/// <summary>The administrators' acts in the access log.</summary>
internal static class JournalAdministration
{
    /// <summary>
    /// Writes an administrator's act to the access log, in the établissement's log: the person concerned stands in the
    /// « whose data » column (a pupil, a guardian or a member of staff alike: the administrators' screens reach them all).
    /// </summary>
    public static Task NoterAsync(this IJournalAcces journal, EtablissementAdministre admin, HttpContext http, IReadOnlyCollection<Guid> personneIds,
        ActionAcces action, string quoi, CancellationToken ct) =>
        journal.NoterAsync(new AccesDonnees(admin.PersonneId, http.User.FindFirstValue("client_id"), Guid.Empty, Domaine.Identite, action, quoi,
            http.Connection.RemoteIpAddress, admin.Etablissement!.Id), personneIds, ct);
}

/// <summary>What the account actions share: the administered établissement, then the person's account there.</summary>
internal static class ActionCompte
{
    /// <summary>
    /// Runs <paramref name="action"/> on the account of a person of the établissement (its id and login given), in one
    /// transaction, then <paramref name="noter"/> (the access log); 404 for a person who is nobody there or has no account.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ExecuterAsync(string uai, Guid personneId,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db,
        Func<NpgsqlConnection, NpgsqlTransaction, Guid, string, Task<ValidationProblem?>> action, Func<EtablissementAdministre, Task> noter,
        CancellationToken ct)
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
        if (!await EtablissementAdministre.RattacheeAsync(conn, personneId, admin.Etablissement!.Id, ct))
        {
            return EtablissementAdministre.PersonneIntrouvable();
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var compte = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Identifiant)?>(new CommandDefinition(
            "SELECT id, identifiant FROM identite.compte WHERE personne_id = @personneId FOR UPDATE", new { personneId }, tx, cancellationToken: ct));
        if (compte is not { } c)
        {
            return Problemes.Introuvable("Cette personne n'a pas de compte.");
        }

        if (await action(conn, tx, c.Id, c.Identifiant) is { } probleme)
        {
            return probleme;
        }

        await tx.CommitAsync(ct);
        await noter(admin);
        return TypedResults.NoContent();
    }
}
