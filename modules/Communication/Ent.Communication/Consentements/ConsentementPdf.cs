using Ent.Kernel.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ent.Communication.Consentements;

/// <summary>
/// The list for the day of the outing as an A4 PDF: the outing (what, where, when, cost), the counts, then class by class
/// one line per pupil — standing in words (never by colour alone: it is printed in black and white) and who signed.
/// </summary>
internal static class ConsentementPdf
{
    private const double Marge = 48;
    private static readonly XSize A4 = PageSizeConverter.ToSize(PageSize.A4);
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Rendre(string etablissement, SuiviConsentementVue suivi, DateTimeOffset editeLe)
    {
        PolicesPdf.Installer();
        using var document = new PdfDocument();
        document.Info.Title = $"Autorisations — {suivi.Titre}";
        document.Info.Author = etablissement;
        document.Info.Creator = "Ent";
        document.Language = "fr-FR";
        document.ViewerPreferences.DisplayDocTitle = true;
        var texte = new XFont(PolicesPdf.Famille, 10, XFontStyleEx.Regular, Unicode);
        var gras = new XFont(PolicesPdf.Famille, 10, XFontStyleEx.Bold, Unicode);
        var titre = new XFont(PolicesPdf.Famille, 16, XFontStyleEx.Bold, Unicode);
        var petit = new XFont(PolicesPdf.Famille, 8, XFontStyleEx.Regular, Unicode);

        var page = document.AddPage();
        page.Size = PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var y = Marge;

        void NouvellePage()
        {
            gfx.Dispose();
            page = document.AddPage();
            page.Size = PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Marge;
        }

        void Ecrire(string s, XFont police, double x = Marge)
        {
            var largeur = A4.Width - Marge - x;
            var hauteur = police.GetHeight() * 1.2;
            var ligne = string.Empty;
            foreach (var mot in s.Split(' '))
            {
                var essai = ligne.Length == 0 ? mot : ligne + " " + mot;
                if (ligne.Length > 0 && gfx.MeasureString(essai, police).Width > largeur)
                {
                    gfx.DrawString(ligne, police, XBrushes.Black, new XRect(x, y, largeur, hauteur), XStringFormats.TopLeft);
                    y += hauteur;
                    ligne = mot;
                }
                else
                {
                    ligne = essai;
                }
            }

            gfx.DrawString(ligne, police, XBrushes.Black, new XRect(x, y, largeur, hauteur), XStringFormats.TopLeft);
            y += hauteur;
        }

        Ecrire(etablissement, gras);
        y += 6;
        Ecrire(suivi.Titre, titre);
        Ecrire($"{suivi.Lieu} — {Consentement.Quand(suivi.Debut, suivi.Fin)} — {Consentement.Cout(suivi.CoutCentimes)}", texte);
        Ecrire($"Classes et groupes : {suivi.Divisions}. Organisation : {suivi.Organisateur}. Réponses jusqu'au {Consentement.Jour(suivi.DateLimite)}.", texte);
        Ecrire($"{suivi.Eleves} élèves : {suivi.Accordes} autorisé(s), {suivi.Refuses} non autorisé(s), {suivi.EnAttente} sans réponse.", gras);
        y += 10;

        foreach (var classe in suivi.Lignes.GroupBy(l => l.Classe))
        {
            if (y > A4.Height - Marge - 60)
            {
                NouvellePage();
            }

            Ecrire(classe.Key is null ? "Sans classe" : $"Classe {classe.Key}", gras);
            gfx.DrawLine(XPens.Black, Marge, y, A4.Width - Marge, y);
            y += 4;
            foreach (var eleve in classe)
            {
                if (y > A4.Height - Marge - 30)
                {
                    NouvellePage();
                }

                var haut = y;
                var statut = eleve.Statut switch
                {
                    Consentement.Accorde => "AUTORISÉ",
                    Consentement.Refuse => "NON AUTORISÉ",
                    _ => "SANS RÉPONSE",
                };
                gfx.DrawString(eleve.Eleve, texte, XBrushes.Black, new XRect(Marge, y, 170, 14), XStringFormats.TopLeft);
                gfx.DrawString(statut, gras, XBrushes.Black, new XRect(Marge + 175, y, 100, 14), XStringFormats.TopLeft);
                var signatures = string.Join(" ; ", eleve.Responsables.Where(r => r.Accord is not null)
                    .Select(r => $"{r.Nom} : {(r.Accord == true ? "oui" : "non")}, le {TimeZoneInfo.ConvertTime(r.SigneeLe!.Value, Consentement.Paris):dd/MM/yyyy HH:mm}"));
                Ecrire(signatures.Length == 0 ? "—" : signatures, petit, Marge + 280);
                y = Math.Max(y, haut + 14) + 3;
            }

            y += 8;
        }

        gfx.DrawString($"Édité le {TimeZoneInfo.ConvertTime(editeLe, Consentement.Paris):dd/MM/yyyy HH:mm}", petit, XBrushes.Black,
            new XRect(Marge, A4.Height - 30, A4.Width - 2 * Marge, 10), XStringFormats.TopRight);
        gfx.Dispose();
        using var sortie = new MemoryStream();
        document.Save(sortie, closeStream: false);
        return sortie.ToArray();
    }
}
