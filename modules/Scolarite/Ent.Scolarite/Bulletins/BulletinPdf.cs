using System.Globalization;
using Ent.Kernel.Pdf;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// A report card as an A4 PDF: the header (établissement, period, pupil, class), one table row per subject, the
/// general average, the head teacher's appraisal and the council's decision. Rows grow with their appraisal; when the
/// table runs past the bottom of a page it goes on to the next one under a repeated header row.
/// </summary>
/// <remarks>
/// PDFsharp draws, it does not lay out: every height here is measured (text is wrapped word by word with
/// <see cref="XGraphics.MeasureString(string, XFont)"/>) before anything is drawn, so that a row is never cut by a page
/// break unless it is taller than a whole page.
/// </remarks>
internal static class BulletinPdf
{
    // A4 portrait, in points (1/72 inch).
    private const double Marge = 40;
    private const double MargeHaut = 40;
    private const double MargeBas = 48; // room for the page footer
    private const double Remplissage = 3.5; // inside a table cell

    private static readonly XSize A4 = PageSizeConverter.ToSize(PageSize.A4);

    private static readonly XColor Gris = XColor.FromArgb(90, 90, 90);
    private static readonly XColor Trait = XColor.FromArgb(150, 150, 150);
    private static readonly XColor FondEnTete = XColor.FromArgb(226, 232, 240);
    private static readonly XColor FondMoyenne = XColor.FromArgb(241, 245, 249);

    /// <summary>Table columns: header, width in points, alignment. Appréciation takes what is left.</summary>
    private static readonly (string Titre, double Largeur, XStringFormat Alignement)[] Colonnes =
    [
        ("Matière\nEnseignant", 108, XStringFormats.TopLeft),
        ("Coef.", 32, XStringFormats.TopCenter),
        ("Moyenne élève", 48, XStringFormats.TopCenter),
        ("Moy. classe", 42, XStringFormats.TopCenter),
        ("Min", 36, XStringFormats.TopCenter),
        ("Max", 36, XStringFormats.TopCenter),
        ("Appréciation", 0, XStringFormats.TopLeft),
    ];

    public static byte[] Rendre(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        PolicesPdf.Installer();

        using var document = new PdfDocument();
        document.Info.Title = $"{BulletinFormat.Titre(bulletin)} {bulletin.AnneeScolaire} — {bulletin.Eleve}";
        document.Info.Subject = $"Bulletin scolaire — {bulletin.Classe}";
        document.Info.Author = bulletin.Etablissement;
        document.Info.Creator = "Ent";
        // PDFsharp writes the date with the machine's UTC offset (« 14:32+01'00' » in Paris): it wants local time.
        document.Info.CreationDate = DateTime.SpecifyKind(bulletin.EditeLe, DateTimeKind.Utc).ToLocalTime();
        document.Language = "fr-FR";
        document.ViewerPreferences.DisplayDocTitle = true; // the title bar shows the title, not « 3f2a….pdf »

        var polices = new Polices();
        using (var redaction = new Redaction(document, polices))
        {
            redaction.EnTete(bulletin);
            redaction.Tableau(bulletin);
            redaction.Conclusion(bulletin);
        }

        PiedsDePage(document, bulletin, polices);

        using var sortie = new MemoryStream();
        document.Save(sortie, closeStream: false);
        return sortie.ToArray();
    }

    /// <summary>The faces and sizes in use; created after the resolver is installed.</summary>
    private sealed class Polices
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode); // any name, and text that copies out right

        public XFont Texte { get; } = new(PolicesPdf.Famille, 8.5, XFontStyleEx.Regular, Unicode);
        public XFont TexteGras { get; } = new(PolicesPdf.Famille, 8.5, XFontStyleEx.Bold, Unicode);
        public XFont Petit { get; } = new(PolicesPdf.Famille, 7, XFontStyleEx.Regular, Unicode);
        public XFont EnTeteColonne { get; } = new(PolicesPdf.Famille, 7.5, XFontStyleEx.Bold, Unicode);
        public XFont Normal { get; } = new(PolicesPdf.Famille, 9, XFontStyleEx.Regular, Unicode);
        public XFont NormalGras { get; } = new(PolicesPdf.Famille, 9, XFontStyleEx.Bold, Unicode);
        public XFont Etablissement { get; } = new(PolicesPdf.Famille, 12, XFontStyleEx.Bold, Unicode);
        public XFont Eleve { get; } = new(PolicesPdf.Famille, 11, XFontStyleEx.Bold, Unicode);
        public XFont Titre { get; } = new(PolicesPdf.Famille, 16, XFontStyleEx.Bold, Unicode);
    }

    /// <summary>One line of text as drawn: its words, face and colour.</summary>
    private sealed record Ligne(string Texte, XFont Police, XBrush Couleur)
    {
        public double Hauteur => Police.GetHeight();
    }

    /// <summary>A table row: for each column, the lines it holds.</summary>
    private sealed record Rangee(IReadOnlyList<Ligne>[] Cellules, XColor? Fond)
    {
        public double Hauteur => Cellules.Max(c => c.Sum(l => l.Hauteur)) + 2 * Remplissage;
    }

    /// <summary>Writes page after page: knows the current page, where the pen is, and how much room is left.</summary>
    private sealed class Redaction(PdfDocument document, Polices polices) : IDisposable
    {
        private readonly double[] _largeurs = LargeursColonnes();
        private XGraphics? _g;
        private double _y;
        private bool _aucuneRangeeSurLaPage; // the table's header row is the last thing drawn on this page

        private XGraphics G => _g ?? throw new InvalidOperationException("No page yet.");

        private static double Bas => A4.Height - MargeBas;

        private static double LargeurUtile => A4.Width - 2 * Marge;

        public void Dispose() => _g?.Dispose();

        private void NouvellePage()
        {
            _g?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            _g = XGraphics.FromPdfPage(page);
            _y = MargeHaut;
        }

        private static double[] LargeursColonnes()
        {
            var largeurs = Colonnes.Select(c => c.Largeur).ToArray();
            largeurs[^1] = LargeurUtile - largeurs.Sum();
            return largeurs;
        }

        public void EnTete(Bulletin b)
        {
            NouvellePage();
            var haut = _y;

            // Left: the établissement and the school year. Right: a frame with the pupil and the class.
            const double largeurCadre = 200;
            var largeurGauche = LargeurUtile - largeurCadre - 16;
            var gauche = Lignes(b.Etablissement, polices.Etablissement, XBrushes.Black, largeurGauche)
                .Append(new Ligne($"Année scolaire {b.AnneeScolaire}", polices.Normal, XBrushes.Black))
                .ToList();
            var yGauche = Ecrire(gauche, Marge, haut, largeurGauche, XStringFormats.TopLeft);

            var xCadre = Marge + LargeurUtile - largeurCadre;
            var cadre = new List<Ligne> { new("Élève", polices.Petit, new XSolidBrush(Gris)) };
            cadre.AddRange(Lignes(b.Eleve, polices.Eleve, XBrushes.Black, largeurCadre - 16));
            cadre.Add(new Ligne($"Classe : {b.Classe}", polices.Normal, XBrushes.Black));
            var hauteurCadre = cadre.Sum(l => l.Hauteur) + 12;
            G.DrawRoundedRectangle(new XPen(Trait, 0.75), XBrushes.White, new XRect(xCadre, haut, largeurCadre, hauteurCadre), new XSize(6, 6));
            Ecrire(cadre, xCadre + 8, haut + 6, largeurCadre - 16, XStringFormats.TopLeft);

            _y = Math.Max(yGauche, haut + hauteurCadre) + 16;
            var titre = Lignes(BulletinFormat.Titre(b), polices.Titre, XBrushes.Black, LargeurUtile)
                .Concat(Lignes(BulletinFormat.Dates(b), polices.Normal, new XSolidBrush(Gris), LargeurUtile))
                .ToList();
            _y = Ecrire(titre, Marge, _y, LargeurUtile, XStringFormats.TopCenter) + 12;
        }

        public void Tableau(Bulletin b)
        {
            var enTete = RangeeEnTete();
            DessinerRangee(enTete);
            _aucuneRangeeSurLaPage = true;

            if (b.Lignes.Count == 0)
            {
                var vide = new IReadOnlyList<Ligne>[Colonnes.Length];
                for (var i = 0; i < vide.Length; i++)
                {
                    vide[i] = [];
                }

                vide[0] = [new Ligne("Aucune matière sur la période.", polices.Texte, XBrushes.Black)];
                LigneDeTableau(new Rangee(vide, null), enTete);
            }

            foreach (var ligne in b.Lignes)
            {
                var matiere = Lignes(ligne.Matiere, polices.TexteGras, XBrushes.Black, LargeurTexte(0))
                    .Concat(Lignes(ligne.Enseignant, polices.Petit, new XSolidBrush(Gris), LargeurTexte(0)));
                LigneDeTableau(new Rangee(
                [
                    matiere.ToList(),
                    [new Ligne(BulletinFormat.Coefficient(ligne.Coefficient), polices.Texte, XBrushes.Black)],
                    [new Ligne(BulletinFormat.Note(ligne.Moyenne), polices.TexteGras, XBrushes.Black)],
                    [new Ligne(BulletinFormat.Note(ligne.MoyenneClasse), polices.Texte, XBrushes.Black)],
                    [new Ligne(BulletinFormat.Note(ligne.Min), polices.Texte, XBrushes.Black)],
                    [new Ligne(BulletinFormat.Note(ligne.Max), polices.Texte, XBrushes.Black)],
                    Lignes(ligne.Appreciation ?? "", polices.Texte, XBrushes.Black, LargeurTexte(6)),
                ], null), enTete);
            }

            LigneDeTableau(new Rangee(
            [
                Lignes("Moyenne générale", polices.TexteGras, XBrushes.Black, LargeurTexte(0)),
                [],
                [new Ligne(BulletinFormat.Note(b.MoyenneGenerale), polices.TexteGras, XBrushes.Black)],
                [new Ligne(BulletinFormat.Note(b.MoyenneGeneraleClasse), polices.Texte, XBrushes.Black)],
                [new Ligne(BulletinFormat.Note(b.MinGenerale), polices.Texte, XBrushes.Black)],
                [new Ligne(BulletinFormat.Note(b.MaxGenerale), polices.Texte, XBrushes.Black)],
                [],
            ], FondMoyenne), enTete);
        }

        public void Conclusion(Bulletin b)
        {
            _y += 12;
            Encadre("Appréciation générale du professeur principal", b.AppreciationGenerale, b);
            Encadre("Décision du conseil de classe", b.Decision, b);

            var edite = new Ligne(BulletinFormat.EditeLe(b.EditeLe), polices.Petit, new XSolidBrush(Gris));
            if (_y + edite.Hauteur > Bas)
            {
                PageSuivante(b);
            }

            _y = Ecrire([edite], Marge, _y, LargeurUtile, XStringFormats.TopRight);
        }

        /// <summary>A framed paragraph under the table: a bold label, then the text; left out when there is no text.</summary>
        private void Encadre(string libelle, string? texte, Bulletin b)
        {
            if (string.IsNullOrWhiteSpace(texte))
            {
                return;
            }

            var largeur = LargeurUtile - 2 * 8;
            var lignes = Lignes(libelle, polices.TexteGras, XBrushes.Black, largeur)
                .Concat(Lignes(texte, polices.Texte, XBrushes.Black, largeur))
                .ToList();
            var hauteur = lignes.Sum(l => l.Hauteur) + 2 * 6;
            if (_y + hauteur > Bas)
            {
                PageSuivante(b);
            }

            G.DrawRoundedRectangle(new XPen(Trait, 0.75), XBrushes.White, new XRect(Marge, _y, LargeurUtile, hauteur), new XSize(6, 6));
            Ecrire(lignes, Marge + 8, _y + 6, largeur, XStringFormats.TopLeft);
            _y += hauteur + 8;
        }

        private void PageSuivante(Bulletin b)
        {
            NouvellePage();
            var suite = $"{b.Eleve} — {b.Classe} — {BulletinFormat.Titre(b)} (suite)";
            _y = Ecrire(Lignes(suite, polices.NormalGras, XBrushes.Black, LargeurUtile), Marge, _y, LargeurUtile, XStringFormats.TopLeft) + 8;
        }

        private Rangee RangeeEnTete()
        {
            var cellules = new IReadOnlyList<Ligne>[Colonnes.Length];
            for (var i = 0; i < Colonnes.Length; i++)
            {
                cellules[i] = Lignes(Colonnes[i].Titre, polices.EnTeteColonne, XBrushes.Black, LargeurTexte(i));
            }

            return new Rangee(cellules, FondEnTete);
        }

        /// <summary>
        /// Draws a row where the pen is, or on a new page (under the repeated header row) when it does not fit.
        /// A row taller than a whole page is drawn in pieces.
        /// </summary>
        private void LigneDeTableau(Rangee rangee, Rangee enTete)
        {
            while (_y + rangee.Hauteur > Bas)
            {
                if (!_aucuneRangeeSurLaPage)
                {
                    NouvellePageDeTableau(enTete);
                    continue;
                }

                // Taller than a whole page: what fits here, the rest on the next one.
                var (tete, reste) = Scinder(rangee, Bas - _y);
                DessinerRangee(tete);
                if (reste is null)
                {
                    _aucuneRangeeSurLaPage = false;
                    return;
                }

                NouvellePageDeTableau(enTete);
                rangee = reste;
            }

            DessinerRangee(rangee);
            _aucuneRangeeSurLaPage = false;
        }

        private void NouvellePageDeTableau(Rangee enTete)
        {
            NouvellePage();
            _y = Ecrire(Lignes("(suite du tableau)", polices.Petit, new XSolidBrush(Gris), LargeurUtile), Marge, _y, LargeurUtile, XStringFormats.TopLeft) + 4;
            DessinerRangee(enTete);
            _aucuneRangeeSurLaPage = true;
        }

        /// <summary>Splits a row so that its first part fits in <paramref name="hauteur"/>.</summary>
        private (Rangee Tete, Rangee? Reste) Scinder(Rangee rangee, double hauteur)
        {
            var tete = new IReadOnlyList<Ligne>[rangee.Cellules.Length];
            var reste = new IReadOnlyList<Ligne>[rangee.Cellules.Length];
            var resteVide = true;
            for (var i = 0; i < rangee.Cellules.Length; i++)
            {
                var lignes = rangee.Cellules[i];
                var cumul = 0d;
                var n = 0;
                while (n < lignes.Count && (n == 0 || cumul + lignes[n].Hauteur <= hauteur - 2 * Remplissage))
                {
                    cumul += lignes[n].Hauteur;
                    n++;
                }

                tete[i] = lignes.Take(n).ToList();
                reste[i] = lignes.Skip(n).ToList();
                resteVide &= reste[i].Count == 0;
            }

            if (resteVide)
            {
                return (rangee with { Cellules = tete }, null);
            }

            if (reste[0].Count == 0)
            {
                reste[0] = [new Ligne("(suite)", polices.Petit, new XSolidBrush(Gris))]; // whose appraisal goes on here
            }

            return (rangee with { Cellules = tete }, rangee with { Cellules = reste });
        }

        private void DessinerRangee(Rangee rangee)
        {
            var hauteur = rangee.Hauteur;
            var pen = new XPen(Trait, 0.5);
            if (rangee.Fond is { } fond)
            {
                G.DrawRectangle(new XSolidBrush(fond), new XRect(Marge, _y, LargeurUtile, hauteur));
            }

            var x = Marge;
            for (var i = 0; i < rangee.Cellules.Length; i++)
            {
                Ecrire(rangee.Cellules[i], x + Remplissage, _y + Remplissage, _largeurs[i] - 2 * Remplissage, Colonnes[i].Alignement);
                G.DrawLine(pen, x, _y, x, _y + hauteur);
                x += _largeurs[i];
            }

            G.DrawLine(pen, x, _y, x, _y + hauteur);
            G.DrawLine(pen, Marge, _y, Marge + LargeurUtile, _y);
            G.DrawLine(pen, Marge, _y + hauteur, Marge + LargeurUtile, _y + hauteur);
            _y += hauteur;
        }

        /// <summary>Draws lines one under the other from (x, y); answers the y under the last one.</summary>
        private double Ecrire(IEnumerable<Ligne> lignes, double x, double y, double largeur, XStringFormat alignement)
        {
            foreach (var ligne in lignes)
            {
                if (ligne.Texte.Length > 0)
                {
                    G.DrawString(ligne.Texte, ligne.Police, ligne.Couleur, new XRect(x, y, largeur, ligne.Hauteur), alignement);
                }

                y += ligne.Hauteur;
            }

            return y;
        }

        /// <summary>Room for text in a column, inside the cell's padding.</summary>
        private double LargeurTexte(int colonne) => _largeurs[colonne] - 2 * Remplissage;

        private List<Ligne> Lignes(string texte, XFont police, XBrush couleur, double largeur) =>
            Couper(G, texte, police, largeur).Select(t => new Ligne(t, police, couleur)).ToList();
    }

    /// <summary>
    /// Wraps text to a width: at spaces, keeping the writer's line breaks; a word wider than the line (a long
    /// compound, a pasted link) is cut after a hyphen when it has one, or else between two characters.
    /// </summary>
    internal static List<string> Couper(XGraphics g, string texte, XFont police, double largeur)
    {
        var lignes = new List<string>();
        foreach (var paragraphe in texte.ReplaceLineEndings("\n").Split('\n'))
        {
            var ligne = "";
            foreach (var mot in paragraphe.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var essai = ligne.Length == 0 ? mot : ligne + " " + mot;
                if (Largeur(essai) <= largeur)
                {
                    ligne = essai;
                    continue;
                }

                if (ligne.Length > 0)
                {
                    lignes.Add(ligne);
                }

                var reste = mot;
                while (Largeur(reste) > largeur)
                {
                    var coupure = Coupure(reste);
                    lignes.Add(reste[..coupure]);
                    reste = reste[coupure..];
                }

                ligne = reste;
            }

            lignes.Add(ligne);
        }

        while (lignes.Count > 0 && lignes[^1].Length == 0)
        {
            lignes.RemoveAt(lignes.Count - 1);
        }

        return lignes;

        double Largeur(string s) => g.MeasureString(s, police).Width;

        // Where to cut a word too wide for the line: the longest start that fits, ending after a hyphen if possible,
        // never inside a character (accents, surrogate pairs) and never empty.
        int Coupure(string mot)
        {
            var fin = StringInfo.GetNextTextElementLength(mot);
            var apresTiret = 0;
            while (fin < mot.Length)
            {
                var suivant = fin + StringInfo.GetNextTextElementLength(mot, fin);
                if (Largeur(mot[..suivant]) > largeur)
                {
                    break;
                }

                fin = suivant;
                if (mot[fin - 1] == '-')
                {
                    apresTiret = fin;
                }
            }

            return apresTiret > 0 ? apresTiret : fin;
        }
    }

    /// <summary>Every page's foot: who and what, and « Page 1/2 » — drawn last, once the page count is known.</summary>
    private static void PiedsDePage(PdfDocument document, Bulletin b, Polices polices)
    {
        var gris = new XSolidBrush(Gris);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - MargeBas + 18;
            var largeur = page.Width.Point - 2 * Marge;
            var numero = $"Page {i + 1}/{document.PageCount}";
            var qui = Couper(g, $"{b.Eleve} — {b.Classe} — {BulletinFormat.Titre(b)} {b.AnneeScolaire}", polices.Petit, largeur - 60);
            var gauche = qui.Count > 1 ? qui[0] + " …" : qui.FirstOrDefault() ?? "";
            g.DrawLine(new XPen(Trait, 0.5), Marge, y - 4, Marge + largeur, y - 4);
            g.DrawString(gauche, polices.Petit, gris, new XRect(Marge, y, largeur, 10), XStringFormats.TopLeft);
            g.DrawString(numero, polices.Petit, gris, new XRect(Marge, y, largeur, 10), XStringFormats.TopRight);
        }
    }
}
