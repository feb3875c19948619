using System.Globalization;
using Ent.Kernel.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ent.Identite.Activation;

/// <summary>One letter: who it is for, how they stand to the établissement, their login and fresh code.</summary>
/// <param name="Destinataire">« Mme Claire Martin ».</param>
/// <param name="Qualite">« Élève de la classe 2NDE1 », « Responsable de Léa Martin (2NDE1) », « Personnel de l'établissement ».</param>
/// <param name="Classe">The group the letter is filed under (a class code, or « Personnels »).</param>
/// <param name="Identifiant">The login to type.</param>
/// <param name="Code">The activation code drawn for this letter.</param>
/// <param name="Famille">Pupils and guardians can also activate with EduConnect; staff cannot.</param>
internal sealed record LettreActivation(string Destinataire, string Qualite, string Classe, string Identifiant, string Code, bool Famille);

/// <summary>
/// The activation letters as one A4 PDF, one page per person, in the order given (grouped by class, each pupil followed
/// by their guardians, so that a class's letters go home together). Plain words, large code, the steps in order.
/// </summary>
internal static class LettresActivationPdf
{
    private const double Marge = 56;
    private static readonly XSize A4 = PageSizeConverter.ToSize(PageSize.A4);
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly XColor Bleu = XColor.FromArgb(0, 0, 145);
    private static readonly XColor Gris = XColor.FromArgb(90, 90, 90);
    private static readonly XColor Fond = XColor.FromArgb(238, 242, 255);

    public static byte[] Rendre(string etablissement, string adresse, DateTimeOffset editeLe, DateTimeOffset expireLe,
        IReadOnlyList<LettreActivation> lettres)
    {
        PolicesPdf.Installer();
        using var document = new PdfDocument();
        document.Info.Title = $"Lettres d'activation — {etablissement}";
        document.Info.Author = etablissement;
        document.Info.Creator = "Ent";
        document.Language = "fr-FR";
        document.ViewerPreferences.DisplayDocTitle = true;
        var polices = new Polices();

        if (lettres.Count == 0)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var y = Marge;
            Paragraphe(gfx, "Aucun compte à activer", polices.Titre, XBrushes.Black, ref y);
            Paragraphe(gfx, $"{etablissement} : tous les comptes de cette sélection sont déjà activés (ou il n'y en a aucun).",
                polices.Texte, XBrushes.Black, ref y);
        }

        var date = editeLe.ToString("d MMMM yyyy", Francais);
        var fin = expireLe.ToString("d MMMM yyyy", Francais);
        foreach (var lettre in lettres)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var y = Marge;
            Paragraphe(gfx, etablissement, polices.Gras, XBrushes.Black, ref y);
            Paragraphe(gfx, $"Lettre éditée le {date}. Elle remplace toute lettre d'activation remise avant cette date : seul le code ci-dessous est valable.",
                polices.Petit, new XSolidBrush(Gris), ref y);
            y += 18;
            Paragraphe(gfx, "Activez votre compte Ent", polices.Titre, new XSolidBrush(Bleu), ref y);
            y += 4;
            Paragraphe(gfx, $"Pour : {lettre.Destinataire}", polices.Grand, XBrushes.Black, ref y);
            Paragraphe(gfx, lettre.Qualite, polices.Texte, XBrushes.Black, ref y);
            y += 14;

            // The three things to type, in a box, the code large and spaced so that it reads without doubt.
            var haut = y;
            var largeur = A4.Width - 2 * Marge;
            gfx.DrawRectangle(new XSolidBrush(Fond), Marge, haut, largeur, 150);
            y += 12;
            Ligne(gfx, "Adresse", adresse, polices, ref y);
            Ligne(gfx, "Identifiant", lettre.Identifiant, polices, ref y);
            gfx.DrawString("Code d'activation", polices.Texte, XBrushes.Black, new XRect(Marge + 14, y, 150, 20), XStringFormats.TopLeft);
            gfx.DrawString(lettre.Code, polices.Code, XBrushes.Black, new XRect(Marge + 160, y - 4, largeur - 170, 30), XStringFormats.TopLeft);
            y += 34;
            Paragraphe(gfx, $"Valable une seule fois, jusqu'au {fin}.", polices.Petit, XBrushes.Black, ref y, Marge + 14);
            y = haut + 150 + 20;

            Paragraphe(gfx, "Ce qu'il faut faire", polices.Gras, XBrushes.Black, ref y);
            string[] etapes =
            [
                $"Ouvrez l'adresse {adresse} sur un téléphone, une tablette ou un ordinateur.",
                "Saisissez votre identifiant et le code d'activation ci-dessus (les tirets sont facultatifs ; le code ne contient ni la lettre O ni le chiffre 1).",
                "Choisissez votre mot de passe : au moins 10 caractères. Le plus simple : trois ou quatre mots sans rapport entre eux, par exemple « cheval salade nuage piano ». Pas besoin de majuscule ni de symbole.",
                "Acceptez les conditions d'utilisation, puis vérifiez votre numéro de mobile et votre adresse électronique (corrigez-les si besoin).",
                "C'est fait : vous êtes connecté. Les fois suivantes, connectez-vous avec votre identifiant et votre mot de passe.",
            ];
            for (var i = 0; i < etapes.Length; i++)
            {
                gfx.DrawString($"{i + 1}.", polices.Texte, XBrushes.Black, new XRect(Marge, y, 20, 16), XStringFormats.TopLeft);
                Paragraphe(gfx, etapes[i], polices.Texte, XBrushes.Black, ref y, Marge + 20);
                y += 4;
            }

            y += 8;
            if (lettre.Famille)
            {
                Paragraphe(gfx, "Vous avez un compte ÉduConnect (celui des démarches en ligne de l'Éducation nationale) ? Vous pouvez aussi activer votre compte avec lui : sur la page d'activation, choisissez « Activer avec ÉduConnect ».",
                    polices.Texte, XBrushes.Black, ref y);
                y += 6;
            }

            Paragraphe(gfx, "Ce code est personnel : ne le donnez à personne. Chaque personne de la famille reçoit sa propre lettre.",
                polices.Texte, XBrushes.Black, ref y);
            y += 12;
            Paragraphe(gfx, "Besoin d'aide ?", polices.Gras, XBrushes.Black, ref y);
            Paragraphe(gfx, $"Lettre perdue, code expiré, identifiant refusé : adressez-vous au secrétariat de l'établissement ({etablissement}). Il peut vous remettre une nouvelle lettre. Sans lettre, vous pouvez aussi recevoir un code par SMS ou courriel : sur la page d'activation, choisissez « Je n'ai pas de lettre ».",
                polices.Texte, XBrushes.Black, ref y);

            gfx.DrawString($"{lettre.Classe} — {lettre.Identifiant}", polices.Petit, new XSolidBrush(Gris),
                new XRect(Marge, A4.Height - 40, A4.Width - 2 * Marge, 12), XStringFormats.TopRight);
        }

        using var sortie = new MemoryStream();
        document.Save(sortie, closeStream: false);
        return sortie.ToArray();
    }

    private sealed class Polices
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public XFont Texte { get; } = new(PolicesPdf.Famille, 11, XFontStyleEx.Regular, Unicode);
        public XFont Gras { get; } = new(PolicesPdf.Famille, 11, XFontStyleEx.Bold, Unicode);
        public XFont Petit { get; } = new(PolicesPdf.Famille, 9, XFontStyleEx.Regular, Unicode);
        public XFont Grand { get; } = new(PolicesPdf.Famille, 13, XFontStyleEx.Bold, Unicode);
        public XFont Titre { get; } = new(PolicesPdf.Famille, 20, XFontStyleEx.Bold, Unicode);
        public XFont Code { get; } = new(PolicesPdf.Famille, 20, XFontStyleEx.Bold, Unicode);
        public XFont Valeur { get; } = new(PolicesPdf.Famille, 13, XFontStyleEx.Bold, Unicode);
    }

    private static void Ligne(XGraphics gfx, string libelle, string valeur, Polices polices, ref double y)
    {
        gfx.DrawString(libelle, polices.Texte, XBrushes.Black, new XRect(Marge + 14, y, 150, 20), XStringFormats.TopLeft);
        gfx.DrawString(valeur, polices.Valeur, XBrushes.Black, new XRect(Marge + 160, y - 1, A4.Width - 2 * Marge - 170, 20), XStringFormats.TopLeft);
        y += 26;
    }

    /// <summary>Draws the text wrapped word by word to the page's width from <paramref name="x"/>, and moves <paramref name="y"/> below it.</summary>
    private static void Paragraphe(XGraphics gfx, string texte, XFont police, XBrush pinceau, ref double y, double x = Marge)
    {
        var largeur = A4.Width - Marge - x;
        var hauteur = police.GetHeight() * 1.15;
        var ligne = string.Empty;
        foreach (var mot in texte.Split(' '))
        {
            var essai = ligne.Length == 0 ? mot : ligne + " " + mot;
            if (ligne.Length > 0 && gfx.MeasureString(essai, police).Width > largeur)
            {
                gfx.DrawString(ligne, police, pinceau, new XRect(x, y, largeur, hauteur), XStringFormats.TopLeft);
                y += hauteur;
                ligne = mot;
            }
            else
            {
                ligne = essai;
            }
        }

        gfx.DrawString(ligne, police, pinceau, new XRect(x, y, largeur, hauteur), XStringFormats.TopLeft);
        y += hauteur;
    }
}
