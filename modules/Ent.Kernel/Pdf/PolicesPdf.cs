using PdfSharp.Fonts;

namespace Ent.Kernel.Pdf;

/// <summary>
/// The fonts PDFsharp draws Ent's PDFs with (report cards, activation letters). In the Kernel because PDFsharp allows
/// one resolver per process: every module that draws a PDF must share this one. PDFsharp's Core build finds no font by itself on Linux, so it asks a
/// resolver; this one answers « DejaVu Sans » (regular and bold) from the two TTF files embedded in this assembly, so a
/// PDF renders the same on a developer's laptop, in CI and in production, whatever fonts the machine has.
/// </summary>
public sealed class PolicesPdf : IFontResolver
{
    public const string Famille = "DejaVu Sans";

    private const string Normale = "DejaVuSans";
    private const string Grasse = "DejaVuSans-Bold";

    private static readonly PolicesPdf Instance = new();
    private static readonly Lock Verrou = new();

    private PolicesPdf()
    {
    }

    /// <summary>
    /// Installs the resolver for the whole process. PDFsharp keeps one resolver per process and refuses another once a
    /// font has been used, so this sets it once, under a lock, and says plainly when someone else got there first.
    /// </summary>
    public static void Installer()
    {
        if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
        {
            return;
        }

        lock (Verrou)
        {
            var actuel = GlobalFontSettings.FontResolver;
            if (actuel is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
            else if (!ReferenceEquals(actuel, Instance))
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver ({actuel.GetType().FullName}); there is one per process. " +
                    $"Make it answer « {Famille} » or use {nameof(PolicesPdf)} everywhere.");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, Famille, StringComparison.OrdinalIgnoreCase))
        {
            return null; // PDFsharp then tries its own platform resolver
        }

        // No italic face is embedded: PDFsharp slants the upright one when italic is asked.
        return new FontResolverInfo(bold ? Grasse : Normale, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName)
    {
        // PDFsharp caches what this returns: each face is read once per process.
        var nom = $"Ent.Kernel.Polices.{faceName}.ttf";
        using var flux = typeof(PolicesPdf).Assembly.GetManifestResourceStream(nom)
            ?? throw new InvalidOperationException($"Embedded font {nom} is missing from {typeof(PolicesPdf).Assembly.GetName().Name}.");
        using var copie = new MemoryStream((int)flux.Length);
        flux.CopyTo(copie);
        return copie.ToArray();
    }
}
