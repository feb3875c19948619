using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace Ent.Identite.Oidc;

/// <summary>
/// Access tokens already read on this instance, until they expire. Reading one (unwrap the content key, decrypt, check
/// the signature, parse the claims into a principal) was a fifth of the host's CPU per API request (issue #6's profile)
/// and left many finalizable crypto objects behind; a family's page sends a few requests with the same token within
/// seconds. Only the cryptographic reading is skipped: every later check of OpenIddict's pipeline (token type,
/// expiry, audience, presenter, and <see cref="JetonsRevoques"/>'s revocation check in the database) still runs on
/// each request, on a copy of the principal, so the cache changes no answer.
/// Keyed by the token's SHA-256, so that the tokens themselves are not kept.
/// </summary>
internal sealed class CacheJetonsAcces : IDisposable
{
    /// <summary>At most this many tokens (each a principal of a few claims: a few MB in all).</summary>
    internal const int Capacite = 50_000;

    private const string DepuisCache = "ent:jeton-en-cache";

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacite });

    private static string Cle(string jeton) => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(jeton)));

    public void Dispose() => _cache.Dispose();

    /// <summary>True when this token's principal is kept (for tests).</summary>
    internal bool Contient(string jeton) => _cache.TryGetValue(Cle(jeton), out _);

    /// <summary>Before OpenIddict reads the token: a copy of the principal it gave last time, if the token is known.</summary>
    internal sealed class Lire(CacheJetonsAcces cache) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<Lire>()
                .SetOrder(ValidateIdentityModelToken.Descriptor.Order - 500)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Principal is null && !string.IsNullOrEmpty(context.Token)
                && cache._cache.TryGetValue(Cle(context.Token), out ClaimsPrincipal? principal) && principal is not null)
            {
                context.Principal = principal.Clone();
                context.Transaction.Properties[DepuisCache] = true;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Right after OpenIddict read a token (before its claims are mapped): keep a copy until the token expires.</summary>
    internal sealed class Garder(CacheJetonsAcces cache, TimeProvider clock) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<Garder>()
                .SetOrder(ValidateIdentityModelToken.Descriptor.Order + 500)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.IsRejected || context.Principal is null || string.IsNullOrEmpty(context.Token)
                || context.Transaction.Properties.ContainsKey(DepuisCache)
                || !long.TryParse(context.Principal.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp))
            {
                return ValueTask.CompletedTask;
            }

            var expire = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (expire > clock.GetUtcNow())
            {
                cache._cache.Set(Cle(context.Token), context.Principal.Clone(),
                    new MemoryCacheEntryOptions { AbsoluteExpiration = expire, Size = 1 });
            }

            return ValueTask.CompletedTask;
        }
    }
}
