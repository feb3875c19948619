using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ent.Kernel.Http;

/// <summary>
/// The last problem writer: when the framework's own declines because the caller's <c>Accept</c> names no JSON type
/// (a browser's <c>text/html</c>, a scanner's <c>*/xml</c>), the error is still answered as
/// <c>application/problem+json</c> instead of the status code page's plain text (« Status Code: 404; Not Found »).
/// An API has one error format.
/// </summary>
internal sealed class ProblemeToujoursJson : IProblemDetailsWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Status ??= http.Response.StatusCode;
        Problemes.Customize(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(context.ProblemDetails, Json, "application/problem+json"));
    }
}
