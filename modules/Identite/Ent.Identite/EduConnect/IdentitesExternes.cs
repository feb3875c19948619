using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.EduConnect;

internal enum ResultatLiaison
{
    /// <summary>The subject is now linked to the account.</summary>
    Liee,

    /// <summary>It already was, to this same account: nothing changed.</summary>
    DejaLiee,

    /// <summary>The subject is linked to another account: refused.</summary>
    SujetLieAUnAutreCompte,

    /// <summary>The account is linked to another subject of this provider: refused (no take-over of a linked account).</summary>
    CompteLieAUnAutreSujet,

    /// <summary>No such account.</summary>
    CompteIntrouvable,
}

/// <summary>
/// External identities linked to accounts. The first sign-in links the provider's subject to the account the person
/// was matched to (or chose among candidates); later sign-ins find the account by (provider, subject) alone, without
/// matching again. The caller passes only an account that matching proposed for this person.
/// </summary>
internal sealed partial class IdentitesExternes(NpgsqlDataSource db, ILogger<IdentitesExternes> log)
{
    public const string EduConnect = "educonnect";

    private const string TrouverSql = """
        SELECT compte_id FROM identite.identite_externe WHERE fournisseur = @fournisseur AND sujet = @sujet
        """;

    // ON CONFLICT without a target covers both unique keys: (fournisseur, sujet) and (fournisseur, compte_id).
    private const string LierSql = """
        INSERT INTO identite.identite_externe (fournisseur, sujet, compte_id, identifiants)
        VALUES (@fournisseur, @sujet, @compteId, @identifiants::jsonb)
        ON CONFLICT DO NOTHING
        """;


    /// <summary>The account linked to this subject, or null (first sign-in: match, then <see cref="LierAsync"/>).</summary>
    public async Task<Guid?> TrouverCompteAsync(string fournisseur, string sujet, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(TrouverSql, new { fournisseur, sujet }, cancellationToken: ct));
    }

    /// <summary>Links on first sign-in; <c>identifiants</c> (what matched, e.g. <see cref="PersonneEduConnect.Identifiants"/>) is stored as JSON.</summary>
    public async Task<ResultatLiaison> LierAsync(string fournisseur, string sujet, Guid compteId, object identifiants, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fournisseur);
        ArgumentException.ThrowIfNullOrWhiteSpace(sujet);
        var json = System.Text.Json.JsonSerializer.Serialize(identifiants);

        await using var conn = await db.OpenConnectionAsync(ct);
        var resultat = ResultatLiaison.Liee;
        try
        {
            var inseree = await conn.ExecuteAsync(new CommandDefinition(LierSql,
                new { fournisseur, sujet, compteId, identifiants = json }, cancellationToken: ct));
            if (inseree == 0)
            {
                // Nothing inserted: a conflict on the subject, or else on the account.
                var compteDuSujet = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(TrouverSql,
                    new { fournisseur, sujet }, cancellationToken: ct));
                resultat = compteDuSujet == compteId ? ResultatLiaison.DejaLiee
                    : compteDuSujet is not null ? ResultatLiaison.SujetLieAUnAutreCompte
                    : ResultatLiaison.CompteLieAUnAutreSujet;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            resultat = ResultatLiaison.CompteIntrouvable;
        }

        LogLiaison(log, fournisseur, sujet, compteId, resultat);
        return resultat;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identité externe {Fournisseur}/{Sujet} → compte {CompteId} : {Resultat}")]
    private static partial void LogLiaison(ILogger logger, string fournisseur, string sujet, Guid compteId, ResultatLiaison resultat);
}
