using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Ent.Host;

/// <summary>
/// The .br and .gz files the SPA's build writes beside each text file (client-app/precompression.ts): compressed
/// once at the highest level instead of at every request. A browser that accepts one gets it in place of the file,
/// through the same static files middleware (ETag, ranges, HEAD): the request's path is pointed at the variant, whose
/// type is the original file's (<see cref="Types"/>) and whose encoding says how it is compressed
/// (<see cref="Codage"/>). MapStaticAssets does this only for a project's own wwwroot, known at build.
/// </summary>
internal static class FichiersPrecompresses
{
    /// <summary>By preference, when the browser accepts both as much.</summary>
    private static readonly (string Nom, string Extension)[] Codages = [("br", ".br"), ("gzip", ".gz")];

    public static IApplicationBuilder UseFichiersPrecompresses(this IApplicationBuilder app, IFileProvider fichiers) => app.Use(async (context, next) =>
    {
        var chemin = context.Request.Path;
        var variantes = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? Codages.Where(c => fichiers.GetFileInfo(chemin.Value + c.Extension).Exists).ToArray()
            : [];
        if (variantes.Length == 0)
        {
            await next(context);
            return;
        }

        // The same address answers differently by Accept-Encoding, also when it answers the plain file.
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var choisie = Choisir(context.Request, variantes);
        if (choisie is null)
        {
            await next(context);
            return;
        }

        context.Request.Path = new PathString(chemin.Value + choisie.Value.Extension);
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Path = chemin; // the request log shows the address asked for
        }
    });

    /// <summary>The variant the browser prefers (highest q, then ours), or none when it accepts none.</summary>
    private static (string Nom, string Extension)? Choisir(HttpRequest request, (string Nom, string Extension)[] variantes)
    {
        var acceptes = request.GetTypedHeaders().AcceptEncoding;
        return variantes
            .Select(v => (Variante: v, Qualite: acceptes.Where(a => a.Value.Equals(v.Nom, StringComparison.OrdinalIgnoreCase))
                .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max()))
            .Where(v => v.Qualite > 0)
            .OrderByDescending(v => v.Qualite)
            .Select(v => ((string, string)?)v.Variante)
            .FirstOrDefault();
    }

    /// <summary>The Content-Encoding of a variant's file, null for a plain file.</summary>
    public static string? Codage(string nomFichier) =>
        Codages.FirstOrDefault(c => nomFichier.EndsWith(c.Extension, StringComparison.Ordinal)).Nom;

    /// <summary>The file's name without its variant's extension: index.html for index.html.br.</summary>
    public static string SansCodage(string nomFichier) =>
        Codages.FirstOrDefault(c => nomFichier.EndsWith(c.Extension, StringComparison.Ordinal)) is { Extension: { } extension }
            ? nomFichier[..^extension.Length]
            : nomFichier;

    /// <summary>Content types as for the original file: a variant is the same JavaScript, CSS or HTML, compressed.</summary>
    public static IContentTypeProvider Types { get; } = new TypesSansCodage();

    private sealed class TypesSansCodage : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType) => _types.TryGetContentType(SansCodage(subpath), out contentType!);
    }
}
