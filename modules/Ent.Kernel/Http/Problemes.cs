using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Ent.Kernel.Http;

/// <summary>
/// RFC 9457 problem details in French, with a stable <c>type</c> per kind of problem. Every error the API answers goes
/// through here: validation, unreadable JSON, unknown route, too large a body, and the unexpected (never a stack trace).
/// </summary>
public static class Problemes
{
    public const string TypeValidation = "urn:ent:probleme:validation";
    public const string TypeRequeteIllisible = "urn:ent:probleme:requete-illisible";
    public const string TypeIntrouvable = "urn:ent:probleme:introuvable";
    public const string TypeInterne = "urn:ent:probleme:erreur-interne";
    public const string TypeConflit = "urn:ent:probleme:conflit";

    /// <summary>A French title and a stable type for each status the API answers.</summary>
    public static (string Title, string Type) Describe(int status) => status switch
    {
        400 => ("Requête invalide", TypeRequeteIllisible),
        401 => ("Authentification requise", "urn:ent:probleme:authentification-requise"),
        403 => ("Accès refusé", "urn:ent:probleme:acces-refuse"),
        404 => ("Ressource introuvable", TypeIntrouvable),
        405 => ("Méthode non autorisée sur cette adresse", "urn:ent:probleme:methode-non-autorisee"),
        406 => ("Format de réponse non disponible", "urn:ent:probleme:format-non-disponible"),
        408 => ("Requête trop lente", "urn:ent:probleme:delai-depasse"),
        409 => ("Conflit avec l'état actuel", TypeConflit),
        413 => ("Requête trop volumineuse", "urn:ent:probleme:trop-volumineux"),
        415 => ("Type de contenu non pris en charge", "urn:ent:probleme:type-non-pris-en-charge"),
        429 => ("Trop de requêtes", "urn:ent:probleme:trop-de-requetes"),
        503 => ("Service momentanément indisponible", "urn:ent:probleme:indisponible"),
        >= 500 => ("Erreur interne", TypeInterne),
        _ => ("Requête refusée", "urn:ent:probleme:requete-refusee"),
    };

    private static readonly Dictionary<int, string> Details = new()
    {
        [401] = "Connectez-vous pour accéder à cette ressource.",
        [404] = "Aucune ressource ne correspond à cette adresse.",
        [406] = "Cette adresse ne sait répondre qu'en JSON.",
        [405] = "Cette adresse n'accepte pas cette méthode HTTP.",
        [413] = "Le corps de la requête dépasse la taille autorisée.",
        // Routing answers this before any endpoint runs, so it cannot name the one type wanted: it names both kinds.
        [415] = "Le type de contenu de la requête ne convient pas à cette adresse : envoyez du JSON (Content-Type: application/json), " +
                "ou un formulaire multipart/form-data pour un envoi de fichier.",
        [500] = "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus tard.",
    };

    /// <summary>Fills title, type and detail in French where the framework left its English defaults.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (title, type) = Describe(status);
        var frameworkDefault = problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal);
        if (frameworkDefault)
        {
            problem.Type = type;
            problem.Title = title;
            if (problem.Detail is null && Details.TryGetValue(status >= 500 ? 500 : status, out var detail))
            {
                problem.Detail = detail;
            }
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>400 with the errors of each field, as the endpoints' validation returns it.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors,
            detail: "Corrigez les champs indiqués puis renvoyez la requête.",
            title: "Les données envoyées ne sont pas valides",
            type: TypeValidation);

    /// <summary>404 for an endpoint about "me" called with a token that names no person (an application's own token).</summary>
    public static ProblemHttpResult SansPersonne() => Introuvable("Ce jeton ne représente aucune personne.");

    /// <summary>404 in French, for a resource that does not exist or that the caller may not see.</summary>
    public static ProblemHttpResult Introuvable(string detail) =>
        TypedResults.Problem(detail, statusCode: 404, title: "Ressource introuvable", type: TypeIntrouvable);

    /// <summary>409 in French: the request is valid but contradicts what is stored (a duplicate, data that depends on it).</summary>
    public static ProblemHttpResult Conflit(string detail) =>
        TypedResults.Problem(detail, statusCode: 409, title: "Conflit avec l'état actuel", type: TypeConflit);
}

/// <summary>Collects the field errors of a request, in French; empty means valid.</summary>
public sealed class Erreurs
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public Erreurs Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Erreurs Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public ValidationProblem ToProblem() => Problemes.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}

/// <summary>
/// Turns exceptions into problem details: a request the server could not read (malformed JSON, wrong type, too large)
/// is the caller's 4xx with a French explanation; anything else is a 500 that reveals nothing but a trace id.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, JournalIndisponibilite indisponibilites, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => ForBadRequest(bad),
            // The database or the documents' folder out of reach: 503 and a counted log line, not a 500 and a stack trace.
            _ when Indisponibilite.EstIndisponible(exception) => Indisponible(httpContext, exception),
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(log, exception, httpContext.TraceIdentifier);
            problem = new ProblemDetails { Status = 500 };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails Indisponible(HttpContext httpContext, Exception exception)
    {
        indisponibilites.Noter(exception);
        return Indisponibilite.Probleme(httpContext, exception);
    }

    private static ProblemDetails ForBadRequest(BadHttpRequestException bad)
    {
        var status = bad.StatusCode;
        var (title, type) = Problemes.Describe(status);
        var json = FindJsonException(bad);
        string detail;
        if (json is not null)
        {
            detail = "Le corps de la requête n'est pas un JSON valide ou une valeur n'a pas le type attendu" +
                     (string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "." : $" (champ « {json.Path.TrimStart('$', '.')} »).");
        }
        else if (status == 413)
        {
            detail = "Le corps de la requête dépasse la taille autorisée.";
        }
        else if (status == 415)
        {
            detail = "Envoyez le corps de la requête en JSON (Content-Type: application/json).";
        }
        else if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) && bad.Message.Contains("provided", StringComparison.OrdinalIgnoreCase))
        {
            detail = "Le corps de la requête est vide (ou vaut null) alors qu'il est obligatoire.";
        }
        else
        {
            detail = "Un paramètre de la requête est absent ou n'a pas le format attendu.";
        }

        return new ProblemDetails { Status = status, Title = title, Type = type, Detail = detail };
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Erreur inattendue (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string traceId);
}
