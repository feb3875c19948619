using Ent.Kernel.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ent.Identite.Rgpd;

/// <summary>
/// The export's readable summary (resume.pdf): whose data, who asked, when, then one paragraph per kind of data in plain
/// French, as each contribution wrote it; the JSON files hold the details.
/// </summary>
internal static class ResumeExportPdf
{
    private const double Marge = 48;
    private static readonly XSize A4 = PageSizeConverter.ToSize(PageSize.A4);
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Rendre(string personne, string demandeur, DateTimeOffset genereLe, DateTimeOffset expireLe,
        IReadOnlyList<(string Section, string Titre, List<string> Lignes)> paragraphes)
    {
        PolicesPdf.Installer();
        using var document = new PdfDocument();
        document.Info.Title = $"Données personnelles — {personne}";
        document.Info.Author = "Ent";
        document.Info.Creator = "Ent";
        document.Language = "fr-FR";
        document.ViewerPreferences.DisplayDocTitle = true;
        var texte = new XFont(PolicesPdf.Famille, 10, XFontStyleEx.Regular, Unicode);
        var gras = new XFont(PolicesPdf.Famille, 11, XFontStyleEx.Bold, Unicode);
        var titre = new XFont(PolicesPdf.Famille, 16, XFontStyleEx.Bold, Unicode);
        var petit = new XFont(PolicesPdf.Famille, 8, XFontStyleEx.Regular, Unicode);

        var page = document.AddPage();
        page.Size = PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var y = Marge;

        void Ecrire(string s, XFont police, double x = Marge)
        {
            var largeur = A4.Width - Marge - x;
            var hauteur = police.GetHeight() * 1.25;
            var ligne = string.Empty;
            foreach (var mot in s.Split(' '))
            {
                var essai = ligne.Length == 0 ? mot : ligne + " " + mot;
                if (ligne.Length > 0 && gfx.MeasureString(essai, police).Width > largeur)
                {
                    Tracer(ligne);
                    ligne = mot;
                }
                else
                {
                    ligne = essai;
                }
            }

            Tracer(ligne);

            void Tracer(string l)
            {
                if (y + hauteur > A4.Height - Marge)
                {
                    gfx.Dispose();
                    page = document.AddPage();
                    page.Size = PageSize.A4;
                    gfx = XGraphics.FromPdfPage(page);
                    y = Marge;
                }

                gfx.DrawString(l, police, XBrushes.Black, new XRect(x, y, largeur, hauteur), XStringFormats.TopLeft);
                y += hauteur;
            }
        }

        Ecrire("Vos données personnelles dans Ent", titre);
        y += 4;
        Ecrire($"Données de : {personne}", texte);
        Ecrire($"Demandé par : {demandeur}", texte);
        Ecrire($"Édité le {Heure(genereLe)} ; ce fichier reste téléchargeable jusqu'au {Heure(expireLe)}.", texte);
        Ecrire("Le détail se trouve dans les fichiers JSON de l'archive (un dossier par sorte de données, décrit dans le fichier export.json). " +
            "Pour toute question, adressez-vous au délégué à la protection des données de l'établissement.", texte);
        y += 8;
        foreach (var (_, titreParagraphe, lignes) in paragraphes)
        {
            Ecrire(titreParagraphe, gras);
            foreach (var ligne in lignes)
            {
                Ecrire("• " + ligne, texte, Marge + 8);
            }

            y += 6;
        }

        Ecrire($"Ent — export RGPD édité le {Heure(genereLe)}", petit);
        gfx.Dispose();
        using var sortie = new MemoryStream();
        document.Save(sortie, closeStream: false);
        return sortie.ToArray();
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static string Heure(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy 'à' HH:mm",
        System.Globalization.CultureInfo.InvariantCulture);
}
