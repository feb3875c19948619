using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Ent.Kernel.Http;
using Ent.Kernel.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Ent.Host;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) and its browsable UI (/api/docs). Operation ids come from each endpoint's
/// WithName: they are the generated TypeScript client's method names, so they never change once published.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddEntOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Ent — API",
                Version = "v1",
                Description = "API de l'espace numérique de travail Ent. Chaque module expose ses opérations sous /api/{module}. " +
                              "Les erreurs sont des « problem details » (RFC 9457) en français.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.CustomSchemaIds(t => t.Name);
            foreach (var xml in Directory.EnumerateFiles(AppContext.BaseDirectory, "Ent.*.xml"))
            {
                o.IncludeXmlComments(xml);
            }

            o.DocumentFilter<ModuleTagsFilter>();
            o.DocumentFilter<SecuriteFilter>();
            o.OperationFilter<ExigencesFilter>();
            o.SchemaFilter<LimitesSchemaFilter>();
            o.DocumentFilter<ListesDeReponseFilter>();
        });
        return services;
    }

    public static WebApplication UseEntOpenApi(this WebApplication app)
    {
        app.UseSwagger(o =>
        {
            o.RouteTemplate = "openapi/{documentName}.json";
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        });
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Ent v1");
            o.DocumentTitle = "Ent — documentation de l'API";
        });
        return app;
    }

    /// <summary>Every module's tag with its French description, in the registry's order.</summary>
    private sealed class ModuleTagsFilter(IEnumerable<EntModule> modules) : IDocumentFilter
    {
        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            swaggerDoc.Tags = new HashSet<OpenApiTag>(modules.Select(m => new OpenApiTag { Name = m.Tag, Description = m.Description }));
        }
    }

    /// <summary>Name of the OAuth 2 scheme (OpenIddict, /connect/…) in the document.</summary>
    internal const string OAuth2 = "oauth2";

    /// <summary>Name of the shared-secret scheme of the SMS gateway's receipts (see <see cref="SecretPartage"/>).</summary>
    internal const string Secret = "secretPasserelle";

    /// <summary>
    /// The ways to call the API, as a third party reads them: OAuth 2 (authorization code with PKCE S256 for the SPA and
    /// applications acting for a user, client credentials for a server), with every scope the server knows.
    /// </summary>
    private sealed class SecuriteFilter(IEnumerable<EntModule> modules) : IDocumentFilter
    {
        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            var portees = new Dictionary<string, string>
            {
                ["openid"] = "Identité de l'utilisateur connecté (OpenID Connect).",
                ["profile"] = "Nom et prénom de l'utilisateur.",
                ["email"] = "Adresse électronique de l'utilisateur.",
                ["phone"] = "Numéro de téléphone de l'utilisateur.",
                ["offline_access"] = "Jeton de rafraîchissement : l'accès continue sans nouvelle connexion.",
            };
            foreach (var module in modules)
            {
                portees[module.Schema + ".read"] = $"Lire ({module.Tag}).";
                portees[module.Schema + ".write"] = $"Modifier ({module.Tag}).";
            }

            var jeton = new Uri("/connect/token", UriKind.Relative);
            swaggerDoc.Components ??= new OpenApiComponents();
            swaggerDoc.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [OAuth2] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Serveur OpenID Connect d'Ent (découverte : /.well-known/openid-configuration). Les jetons d'accès " +
                                  "sont des JWT signés et chiffrés (JWS dans un JWE) valables 10 minutes, émis et validés suivant les " +
                                  "bonnes pratiques de la RFC8725 (algorithmes fixés par le serveur, jamais « none »). Code d'autorisation " +
                                  "avec PKCE (S256) pour l'application web et les applications agissant pour un utilisateur ; identifiants " +
                                  "du client pour un serveur. Chaque opération demande la portée de son module : <module>.read pour lire, " +
                                  "<module>.write pour modifier.",
                    Flows = new OpenApiOAuthFlows
                    {
                        AuthorizationCode = new OpenApiOAuthFlow
                        {
                            AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                            TokenUrl = jeton,
                            RefreshUrl = jeton,
                            Scopes = portees,
                        },
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = jeton,
                            Scopes = portees.Where(p => p.Key.Contains('.', StringComparison.Ordinal)).ToDictionary(),
                        },
                    },
                },
                [Secret] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Secret partagé avec la passerelle SMS (Ent:Sms:CleAccuses), envoyé comme jeton « Bearer » ; " +
                                  "la passerelle n'est pas un client OAuth.",
                },
            };
        }
    }

    /// <summary>
    /// Each operation's requirement, read from the endpoint itself: the scope its module's policy demands
    /// (<see cref="PorteeApi.Requise"/>), none for a public one (an empty requirement), the gateway's secret where the
    /// endpoint says so; the error answers every caller may meet (401/403 where a token is needed, 500 everywhere);
    /// the limits of its parameters.
    /// </summary>
    private sealed class ExigencesFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var methode = context.ApiDescription.HttpMethod ?? "GET";
            operation.Responses ??= [];
            if (metadata.OfType<SecretPartage>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Secret, context.Document)] = [] }];
                Probleme(operation, context, "401", "Secret de la passerelle absent ou incorrect.");
            }
            else if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()];
            }
            else
            {
                var portees = metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<PorteeApi>()
                    .Select(p => PorteeApi.Requise(p.Module, methode)).Distinct().ToList();
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2, context.Document)] = portees }];
                Probleme(operation, context, "401", "Jeton d'accès absent, expiré ou révoqué.");
                Probleme(operation, context, "403", portees.Count > 0
                    ? $"Le jeton n'a pas la portée {string.Join(", ", portees)}."
                    : "Le jeton ne permet pas cette opération.");
            }

            if ((operation.Parameters ?? []).Any(p => p.In == ParameterLocation.Query))
            {
                // A query value that does not parse (a date, a number) is refused by the binding itself.
                Probleme(operation, context, "400", "Paramètre de requête illisible.");
            }

            Probleme(operation, context, "500", "Erreur inattendue : elle est enregistrée, la réponse ne révèle rien d'autre que son identifiant de trace.");

            // A file answered (a PDF, a document: format binary) is bounded like an uploaded one.
            foreach (var media in operation.Responses.Values.SelectMany(r => r.Content?.Values ?? []))
            {
                if (media.Schema is OpenApiSchema { Format: "binary" } fichier)
                {
                    LimitesSchemaFilter.Borner(fichier, "fichier", null, null);
                }
            }

            foreach (var parametre in operation.Parameters ?? [])
            {
                if (parametre is OpenApiParameter { Schema: OpenApiSchema schema } p)
                {
                    var info = context.ApiDescription.ParameterDescriptions
                        .FirstOrDefault(d => string.Equals(d.Name, p.Name, StringComparison.OrdinalIgnoreCase))?.ParameterDescriptor;
                    var range = (info as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo
                        .GetCustomAttribute<RangeAttribute>();
                    LimitesSchemaFilter.Borner(schema, p.Name ?? string.Empty, range, null);
                }
            }
        }

        private static void Probleme(OpenApiOperation operation, OperationFilterContext context, string statut, string description)
        {
            if (operation.Responses!.ContainsKey(statut))
            {
                return;
            }

            operation.Responses[statut] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
                },
            };
        }
    }

    /// <summary>
    /// maxLength, maxItems, minimum and maximum on every property, from <see cref="Limites"/> — the same table the
    /// requests are checked against — or from the value's format (a uuid, a date); integers without a declared range
    /// get their type's.
    /// </summary>
    private sealed class LimitesSchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema objet || objet.Properties is null || context.Type is null)
            {
                return;
            }

            var proprietes = context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .GroupBy(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToDictionary(g => g.Key, g => g.First());
            foreach (var (nom, propriete) in objet.Properties)
            {
                if (propriete is OpenApiSchema s)
                {
                    proprietes.TryGetValue(nom, out var info);
                    Borner(s, nom, info?.GetCustomAttribute<RangeAttribute>(), info);
                }
            }

            // Problem details carry a trace id and, for validation, the errors per field: a handful of extensions.
            if (objet.AdditionalProperties is OpenApiSchema supplement)
            {
                objet.MaxProperties ??= 50;
                Borner(supplement, "extension", null, null);
            }
        }

        internal static void Borner(OpenApiSchema s, string nom, RangeAttribute? range, PropertyInfo? info)
        {
            var type = s.Type ?? 0;
            if (type.HasFlag(JsonSchemaType.String) && s.Enum is not { Count: > 0 })
            {
                s.MaxLength = s.Format switch
                {
                    "uuid" => 36,
                    "date" => 10,
                    "date-time" => Limites.DateHeure,
                    "binary" => 5 * 1024 * 1024,
                    _ => info is null ? Limites.LongueurMax(nom) : Limites.LongueurMax(info),
                };
            }
            else if (type.HasFlag(JsonSchemaType.Array))
            {
                s.MaxItems = info is null ? Limites.ListeParDefaut : Limites.ElementsMax(info);
                if (info is null || !Limites.ElementsMaxConnu(info))
                {
                    ListesDeReponseFilter.ParDefaut.AddOrUpdate(s, s);
                }

                if (s.Items is OpenApiSchema element)
                {
                    Borner(element, nom, null, null);
                    if (info is not null && element.Type is { } t && t.HasFlag(JsonSchemaType.String) && element.Format is null)
                    {
                        element.MaxLength = Limites.LongueurMaxElement(info);
                    }
                }
            }
            else if (type.HasFlag(JsonSchemaType.Object) && s.AdditionalProperties is { } valeurs)
            {
                // A validation problem's errors: one entry per field of the request; an import's summary: one entry per
                // kind of item (its values a referenced schema, bounded where it is defined).
                s.MaxProperties ??= 50;
                if (valeurs is OpenApiSchema enLigne)
                {
                    Borner(enLigne, nom, null, null);
                }
            }
            else if (type.HasFlag(JsonSchemaType.Integer))
            {
                if (range is not null)
                {
                    s.Minimum = Convert.ToString(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                    s.Maximum = Convert.ToString(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                }

                var int64 = s.Format == "int64";
                s.Format ??= "int32";
                s.Minimum ??= int64 ? long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
                s.Maximum ??= int64 ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// A request's list is refused beyond <see cref="Limites.ListeParDefaut"/> items, so the document says so; an
    /// answer's list holds what exists (a class's pupils, a year's absences) and is not cut at that number: outside
    /// request bodies, the default is taken off again and only the bounds the domain knows stay declared.
    /// </summary>
    private sealed class ListesDeReponseFilter : IDocumentFilter
    {
        internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpenApiSchema, OpenApiSchema> ParDefaut = new();

        public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
        {
            var requetes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in (swaggerDoc.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value))
            {
                foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                {
                    References(media.Schema, requetes, swaggerDoc);
                }
            }

            foreach (var (nom, schema) in swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (!requetes.Contains(nom))
                {
                    Retirer(schema);
                }
            }

            foreach (var operation in (swaggerDoc.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value))
            {
                foreach (var media in (operation.Responses ?? []).Values.SelectMany(r => r.Content?.Values ?? []))
                {
                    Retirer(media.Schema);
                }
            }
        }

        private static void Retirer(IOpenApiSchema? schema)
        {
            if (schema is not OpenApiSchema s)
            {
                return;
            }

            if (ParDefaut.TryGetValue(s, out _))
            {
                s.MaxItems = null;
            }

            foreach (var propriete in s.Properties?.Values ?? [])
            {
                Retirer(propriete);
            }

            Retirer(s.Items);
        }

        private static void References(IOpenApiSchema? schema, HashSet<string> vus, OpenApiDocument document)
        {
            switch (schema)
            {
                case OpenApiSchemaReference reference when reference.Reference.Id is { } id:
                    if (vus.Add(id) && document.Components?.Schemas?.TryGetValue(id, out var cible) == true)
                    {
                        References(cible, vus, document);
                    }

                    break;
                case OpenApiSchema s:
                    foreach (var propriete in s.Properties?.Values ?? [])
                    {
                        References(propriete, vus, document);
                    }

                    References(s.Items, vus, document);
                    foreach (var un in (s.AllOf ?? []).Concat(s.OneOf ?? []).Concat(s.AnyOf ?? []))
                    {
                        References(un, vus, document);
                    }

                    break;
            }
        }
    }
}
