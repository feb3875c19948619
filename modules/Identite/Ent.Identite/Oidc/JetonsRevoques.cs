using Dapper;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace Ent.Identite.Oidc;

/// <summary>
/// On every API request, after the token is read (or found in <see cref="CacheJetonsAcces"/>): its entry in the token
/// table, and its authorization's, must still be valid. A token revoked at /connect/revoke, by a refresh token's
/// reuse (OpenIddict revokes the whole chain), a password change, a logout or a withdrawn consent stops working at
/// once, on every instance — the database is what they share. One primary-key read (two rows joined) per request,
/// with Dapper rather than OpenIddict's own token-entry check (an EF Core query that loads the application and the
/// authorization as tracked entities); the cryptographic reading stays cached.
/// </summary>
internal sealed class JetonsRevoques(NpgsqlDataSource db) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<JetonsRevoques>()
            .SetOrder(ValidateTokenEntry.Descriptor.Order + 1)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRejected || context.Principal is null)
        {
            return;
        }

        // Every token this server issues has an entry: one without an id is not ours to trust.
        var id = context.Principal.GetTokenId();
        var valide = !string.IsNullOrEmpty(id) && await EstValideAsync(id, context.CancellationToken);
        if (!valide)
        {
            context.Reject(Errors.InvalidToken, "Ce jeton a été révoqué.");
        }
    }

    private async Task<bool> EstValideAsync(string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<bool>(new CommandDefinition("""
            SELECT j."Status" = 'valid' AND (j."AuthorizationId" IS NULL OR a."Status" = 'valid')
            FROM identite.oidc_jeton j LEFT JOIN identite.oidc_autorisation a ON a."Id" = j."AuthorizationId"
            WHERE j."Id" = @id
            """, new { id }, cancellationToken: ct));
    }
}
