using System.Globalization;
using System.Text;
using System.Xml;

// dotnet run --project tools/Ent.GenerateurAaf -c Release -- --dossier .data/aaf-100k [--personnes 100000] [--lycees 60] [--graine 1]
// Writes a full AAF export (ENT_Complet_20260901_*.xml) of about --personnes persons spread over --lycees lycées: pupils
// (2 guardians each, 1 in 5 with one, 1 in 10 a sibling of the previous pupil), staff (head, CPE, nurse, librarian and
// teachers with their services and head teachers), 18 classes and 4 groups per lycée. Guardians in ISO-8859-15, as some
// academies send them; the other files in UTF-8. Files are cut every 20,000 entries (NNNN), as real exports are.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
string Option(string nom, string defaut)
{
    var i = Array.IndexOf(args, nom);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : defaut;
}

var dossier = Option("--dossier", Path.Combine(".data", "aaf-100k"));
var personnes = int.Parse(Option("--personnes", "100000"), CultureInfo.InvariantCulture);
var lycees = int.Parse(Option("--lycees", "60"), CultureInfo.InvariantCulture);
var hasard = new Random(int.Parse(Option("--graine", "1"), CultureInfo.InvariantCulture));
Directory.CreateDirectory(dossier);
foreach (var ancien in Directory.GetFiles(dossier, "ENT_*.xml"))
{
    File.Delete(ancien);
}

// About 2.72 persons per pupil: 1.62 guardians, 0.1 staff.
var elevesParLycee = Math.Max(30, (int)(personnes / (double)lycees / 2.72));
string[] noms = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
    "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "N'Diaye",
    "Nguyen", "Benali", "Traoré", "Haddad", "Da Silva", "Kowalski", "Cohen", "Lopez", "Mendy", "Œuvrard", "Perrin", "Diallo"];
string[] prenoms = ["Léa", "Hugo", "Chloé", "Lucas", "Emma", "Nathan", "Inès", "Louis", "Jade", "Adam", "Manon", "Gabriel", "Camille",
    "Raphaël", "Sarah", "Arthur", "Lina", "Yanis", "Zoé", "Enzo", "Maëlys", "Mohamed", "Anaïs", "Tom", "Lou", "Noah", "Clara", "Théo",
    "Aya", "Sacha", "Nathalie", "Philippe", "Isabelle", "Stéphane", "Sandrine", "Christophe", "Valérie", "Frédéric", "Karima", "Olivier"];
(string Code, string Libelle)[] matieres = [("020700", "FRANCAIS"), ("061300", "MATHEMATIQUES"), ("030201", "ANGLAIS LV1"),
    ("030602", "ESPAGNOL LV2"), ("044100", "HISTOIRE-GEOGRAPHIE"), ("062900", "PHYSIQUE-CHIMIE"), ("068200", "SVT"),
    ("100100", "EPS"), ("081800", "SES"), ("070800", "PHILOSOPHIE")];
string[] classes = [.. Enumerable.Range(1, 6).Select(i => $"2NDE{i}"), .. Enumerable.Range(1, 6).Select(i => $"1G{i}"), .. Enumerable.Range(1, 6).Select(i => $"TG{i}")];
string[] groupes = ["2ESP2", "1SPE-MATHS", "TSPE-SES", "1SPE-PC"];
string Nom() => noms[hasard.Next(noms.Length)];
string Prenom() => prenoms[hasard.Next(prenoms.Length)];

var compteurs = new Dictionary<string, int>();
Fichier Ouvrir(string type, Encoding encodage) => new(dossier, type, encodage);

using var etabs = Ouvrir("EtabEducNat", new UTF8Encoding(false));
using var mats = Ouvrir("MatiereEducNat", new UTF8Encoding(false));
using var mefs = Ouvrir("MefEducNat", new UTF8Encoding(false));
using var staff = Ouvrir("PersEducNat", new UTF8Encoding(false));
using var eleves = Ouvrir("Eleve", new UTF8Encoding(false));
using var relations = Ouvrir("PersRelEleve", Encoding.GetEncoding("ISO-8859-15"));

foreach (var (code, libelle) in matieres)
{
    mats.Entree("MatEducNat", "categorieMatiere", code, ("ENTMatJointure", [code]), ("ENTLibelleMatiere", [libelle]));
}

mefs.Entree("MefEducNat", "categorieMef", "20010018110", ("ENTMefJointure", ["20010018110"]), ("ENTLibelleMef", ["2NDE GENERALE ET TECHNOLOGIQUE"]));
mefs.Entree("MefEducNat", "categorieMef", "20111010110", ("ENTMefJointure", ["20111010110"]), ("ENTLibelleMef", ["1ERE GENERALE"]));
mefs.Entree("MefEducNat", "categorieMef", "20212010110", ("ENTMefJointure", ["20212010110"]), ("ENTLibelleMef", ["TERMINALE GENERALE"]));

var total = 0;
var responsable = 0;
var eleve = 0;
var personnel = 0;
for (var l = 0; l < lycees; l++)
{
    var structure = $"{70000 + l}";
    var uai = $"{9300000 + l:D7}{(char)('A' + l % 26)}";
    etabs.Entree("EtabEducNat", "categorieStructure", structure,
        ("ENTStructureJointure", [structure]), ("ENTStructureUAI", [uai]), ("ENTStructureNomCourant", [$"LYCEE GENERAL NUMERO {l + 1}"]),
        ("street", [$"{l + 1} avenue des Lycées"]), ("postalCode", ["93200"]), ("l", ["SAINT-DENIS"]), ("ENTServAcAcademie", ["CRETEIL"]),
        ("ENTStructureClasses", [.. classes.Select(c => $"{c}${c.Replace("2NDE", "2NDE ", StringComparison.Ordinal)}")]),
        ("ENTStructureGroupes", [.. groupes.Select(g => $"{g}$GROUPE {g}")]));

    // Staff: head, CPE, nurse, librarian, and teachers (two classes and a group each, a head teacher for each class).
    string[] fonctions = ["DIR$DIRECTION", "EDU$EDUCATION", "MDS$MEDICO-SOCIAL", "DOC$DOCUMENTATION"];
    var enseignants = Math.Max(6, elevesParLycee / 13);
    for (var s = 0; s < fonctions.Length + enseignants; s++)
    {
        var id = $"{5000000 + personnel++}";
        var ens = s >= fonctions.Length;
        var matiere = matieres[s % matieres.Length].Code;
        var k = s - fonctions.Length;
        staff.Entree("PersEducNat", "categoriePersonne", id,
            ("ENTPersonJointure", [id]), ("sn", [Nom()]), ("givenName", [Prenom()]), ("personalTitle", [hasard.Next(2) == 0 ? "M." : "Mme"]),
            ("mail", [$"p{id}@ac-creteil.example"]), ("ENTPersonStructRattach", [structure]),
            ("ENTPersonFonctions", [ens ? $"{structure}$ENS$ENSEIGNEMENT$L0000$DISCIPLINE" : $"{structure}${fonctions[s]}$X$FONCTION"]),
            ("ENTAuxEnsClassesMatieres", ens ? [$"{structure}${classes[k % classes.Length]}${matiere}", $"{structure}${classes[(k + 7) % classes.Length]}${matiere}"] : []),
            ("ENTAuxEnsGroupesMatieres", ens && k < groupes.Length ? [$"{structure}${groupes[k]}${matiere}"] : []),
            ("ENTAuxEnsClassesPrincipal", ens && k < classes.Length ? [$"{structure}${classes[k]}"] : []));
        total++;
    }

    string[]? famille = null;
    for (var e = 0; e < elevesParLycee; e++)
    {
        var nom = Nom();
        // One pupil in ten is the previous pupil's sibling: the same guardians.
        if (famille is null || hasard.Next(10) != 0)
        {
            var n = hasard.Next(5) == 0 ? 1 : 2;
            famille = new string[n];
            for (var r = 0; r < n; r++)
            {
                var rid = $"{3000000 + responsable++}";
                famille[r] = rid;
                var mobile = hasard.Next(4) == 0 ? [] : new[] { $"+33 6 {hasard.Next(10, 99)} {hasard.Next(10, 99)} {hasard.Next(10, 99)} {hasard.Next(10, 99)}" };
                relations.Entree("PersRelEleve", "categoriePersonne", rid,
                    ("ENTPersonJointure", [rid]), ("sn", [nom]), ("givenName", [Prenom()]), ("personalTitle", [r == 0 ? "Mme" : "M."]),
                    ("mobile", mobile), ("ENTPersonMobileSMS", mobile), ("mail", hasard.Next(3) == 0 ? [] : [$"famille.{rid}@example.org"]),
                    ("ENTPersonAdresse", [$"{hasard.Next(1, 200)} rue des Écoles$$$"]), ("ENTPersonCodePostal", ["93200"]), ("ENTPersonVille", ["SAINT-DENIS"]));
                total++;
            }
        }

        var eid = $"{2000000 + eleve++}";
        var classe = classes[e % classes.Length];
        var mef = classe[0] == '2' ? "20010018110" : classe[0] == '1' ? "20111010110" : "20212010110";
        eleves.Entree("Eleve", "categoriePersonne", eid,
            ("ENTPersonJointure", [eid]), ("ENTEleveINE", [$"{eleve:D9}{(char)('A' + eleve % 26)}{(char)('A' + eleve / 26 % 26)}"]),
            ("ENTPersonDateNaissance", [$"{hasard.Next(1, 29):D2}/{hasard.Next(1, 13):D2}/{2008 + hasard.Next(3)}"]),
            ("sn", [nom]), ("givenName", [Prenom()]), ("personalTitle", [hasard.Next(2) == 0 ? "M." : "Mme"]),
            ("ENTElevePersRelEleve", [.. famille.Select((r, i) => $"{r}${(i == 0 ? "10" : "20")}$1${i + 1}$1$0")]),
            ("ENTEleveMEF", [mef]), ("ENTPersonStructRattach", [structure]), ("ENTEleveStructRattachId", [structure]),
            ("ENTEleveClasses", [$"{structure}${classe}"]),
            ("ENTEleveGroupes", e % 4 == 0 ? [$"{structure}${groupes[e / 4 % groupes.Length]}"] : []));
        total++;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{total} personnes ({eleve} élèves, {responsable} responsables, {personnel} personnels) dans {lycees} lycées : {Path.GetFullPath(dossier)}"));

/// <summary>One kind of AAF file, cut into parts of 20,000 entries (…_0000.xml, …_0001.xml).</summary>
internal sealed class Fichier(string dossier, string type, Encoding encodage) : IDisposable
{
    private const int ParPartie = 20_000;
    private XmlWriter? _ecriture;
    private int _partie = -1;
    private int _entrees;

    public void Entree(string categorie, string nomCategorie, string id, params (string Nom, string[] Valeurs)[] attributs)
    {
        if (_ecriture is null || _entrees == ParPartie)
        {
            Fermer();
            _partie++;
            _entrees = 0;
            _ecriture = XmlWriter.Create(Path.Combine(dossier, $"ENT_Complet_20260901_{type}_{_partie:D4}.xml"),
                new XmlWriterSettings { Encoding = encodage, Indent = false, NewLineHandling = NewLineHandling.None });
            _ecriture.WriteStartDocument();
            _ecriture.WriteDocType("ficAlimMENESR", null, "ficAlimMENESR.dtd", null);
            _ecriture.WriteStartElement("ficAlimMENESR");
        }

        var w = _ecriture;
        w.WriteWhitespace("\n");
        w.WriteStartElement("addRequest");
        w.WriteStartElement("operationalAttributes");
        w.WriteStartElement("attr");
        w.WriteAttributeString("name", nomCategorie);
        w.WriteElementString("value", categorie);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("identifier");
        w.WriteElementString("id", id);
        w.WriteEndElement();
        w.WriteStartElement("attributes");
        foreach (var (nom, valeurs) in attributs)
        {
            w.WriteWhitespace("\n");
            w.WriteStartElement("attr");
            w.WriteAttributeString("name", nom);
            if (valeurs.Length == 0)
            {
                w.WriteStartElement("value");
                w.WriteEndElement();
            }

            foreach (var v in valeurs)
            {
                w.WriteElementString("value", v);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        _entrees++;
    }

    private void Fermer()
    {
        if (_ecriture is null)
        {
            return;
        }

        _ecriture.WriteWhitespace("\n");
        _ecriture.WriteEndElement();
        _ecriture.WriteEndDocument();
        _ecriture.Dispose();
        _ecriture = null;
    }

    public void Dispose() => Fermer();
}
