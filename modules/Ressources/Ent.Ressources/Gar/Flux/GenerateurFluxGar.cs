using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Gar.Flux;

/// <summary>One XML file of the flux, as it is sent.</summary>
/// <param name="Type">Etab, Eleve, Enseignant, Groupe or RespAff.</param>
/// <param name="Nom">The file's name, as the GAR's ENTs name them: {idENT}_GAR-ENT_Complet_{date}_{Type}_0000.xml.</param>
/// <param name="Contenu">UTF-8 XML, valid against GAR-ENT.xsd.</param>
internal sealed record FichierFlux(string Type, string Nom, byte[] Contenu);

/// <summary>An établissement's complete flux, every file validated.</summary>
/// <param name="Etablissement">The établissement.</param>
/// <param name="NomArchive">The zip's name: {idENT}_{UAI}_{yyyyMMdd}_Complet.zip.</param>
/// <param name="Fichiers">The five files.</param>
/// <param name="Eleves">The pupils it names (for the access log).</param>
internal sealed record FluxGar(EtablissementInfo Etablissement, string NomArchive, IReadOnlyList<FichierFlux> Fichiers, IReadOnlyList<Guid> Eleves)
{
    public byte[] Archive()
    {
        using var memoire = new MemoryStream();
        using (var zip = new ZipArchive(memoire, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var fichier in Fichiers)
            {
                using var entree = zip.CreateEntry(fichier.Nom, CompressionLevel.Optimal).Open();
                entree.Write(fichier.Contenu);
            }
        }

        return memoire.ToArray();
    }
}

/// <summary>A flux file the schema refuses: nothing of the flux is written nor served.</summary>
internal sealed class FluxGarInvalideException(string fichier, IReadOnlyList<string> erreurs)
    : Exception($"Le fichier {fichier} du flux GAR n'est pas conforme au schéma GAR-ENT : {string.Join(" ; ", erreurs.Take(20))}")
{
    public string Fichier { get; } = fichier;

    public IReadOnlyList<string> Erreurs { get; } = erreurs;
}

/// <summary>
/// The GAR's affectation flux (« GAR-ENT », complete) for one établissement and the current school year: the
/// établissement and its subjects; its pupils, teachers, documentalists and head with their GAR profile; its classes
/// (DIVISION) and groups (GROUPE), who is in which, which teacher teaches which subject to which; the affectation
/// managers (head and documentalists). People appear by their GARPersonIdentifiant — the pseudonym the SAML assertions
/// and the web service use, made here when missing —, never by Ent's ids. Only people with an active account: nobody
/// else can open a resource. No guardian: the GAR serves no family account.
/// </summary>
/// <remarks>
/// Names and first names are sent because the schema requires them (GARPersonNom, GARPersonPrenom, and at least one
/// GARPersonAutresPrenoms, for which the first name is repeated: Ent keeps no other first names). Nothing optional about
/// a person is sent: no date of birth, civility, MEF (Ent keeps none), nor teachers' e-mail; the affectation managers'
/// e-mail is required by the schema (the GAR writes to them).
/// </remarks>
internal sealed class GenerateurFluxGar(IRattachements rattachements, IAnnuaire annuaire, IDivisions divisions, IAffectations affectations,
    UtilisateursGar utilisateurs, IOptions<GarOptions> options, TimeProvider horloge)
{
    /// <summary>The schema version the files declare (their Version attribute).</summary>
    public const string Version = "1.0";

    private static readonly XNamespace Men = SchemaGar.Espace;
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private sealed record Membre(Guid Id, string Nom, string Prenom, string[] Profils, string? Fonction);

    public async Task<FluxGar> ProduireAsync(EtablissementInfo etablissement, CancellationToken ct)
    {
        var uai = etablissement.Uai;
        var personnes = await rattachements.PersonnesAsync(etablissement.Id, [Profils.Eleve, Profils.Enseignant, Profils.Personnel], ct);
        var membres = personnes
            .Select(p => (Personne: p, Profil: UtilisateursGar.ProfilGar(new ProfilActif(etablissement.Id, p.Profil, p.Fonction))))
            .Where(p => p.Profil is not null)
            .GroupBy(p => p.Personne.Id)
            .Select(g => new Membre(g.Key, g.First().Personne.Nom, g.First().Personne.Prenom,
                [.. g.Select(p => p.Profil!).Distinct().Order(StringComparer.Ordinal)],
                g.Select(p => p.Personne.Fonction).FirstOrDefault(f => f is not null)))
            .OrderBy(m => m.Nom, StringComparer.Ordinal).ThenBy(m => m.Prenom, StringComparer.Ordinal)
            .ToList();
        var eleves = membres.Where(m => m.Profils.Contains("National_elv")).ToList();
        var personnels = membres.Where(m => !m.Profils.Contains("National_elv")).ToList();
        var pseudonymes = await utilisateurs.IdentifiantsAsync([.. membres.Select(m => m.Id)], ct);
        string Pseudo(Guid id) => pseudonymes[id].ToString();

        var lesDivisions = (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).ToDictionary(d => d.Id);
        var affectes = (await affectations.ElevesAsync(etablissement.Id, ct))
            .Where(a => pseudonymes.ContainsKey(a.EleveId) && lesDivisions.ContainsKey(a.DivisionId)).ToList();
        var enseignements = (await affectations.EnseignementsAsync(etablissement.Id, ct))
            .Where(e => pseudonymes.ContainsKey(e.EnseignantId) && lesDivisions.ContainsKey(e.DivisionId)).ToList();
        static string CodeMatiere(EnseignementDivision e) => e.MatiereCodeNational ?? e.MatiereCode;

        var maintenant = TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), Paris);
        var idEnt = options.Value.IdEnt;
        var horodatage = maintenant.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

        XElement Racine(string type, IEnumerable<XElement> contenu) =>
            new(Men + $"GAR-ENT-{type}", new XAttribute(XNamespace.Xmlns + "men", SchemaGar.Espace), new XAttribute("Version", Version), contenu);
        static XElement E(string nom, object valeur) => new(Men + nom, valeur);
        IEnumerable<XElement> Identite(Membre m) =>
        [
            E("GARPersonIdentifiant", Pseudo(m.Id)),
            .. m.Profils.Select(p => new XElement(Men + "GARPersonProfils", E("GARStructureUAI", uai), E("GARPersonProfil", p))),
            E("GARPersonNom", m.Nom),
            E("GARPersonPrenom", m.Prenom),
            E("GARPersonAutresPrenoms", m.Prenom),
        ];

        var matieres = enseignements.GroupBy(CodeMatiere).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new XElement(Men + "GARMatiere", E("GARStructureUAI", uai), E("GARMatiereCode", g.Key), E("GARMatiereLibelle", g.First().MatiereLibelle)));
        var etab = Racine("Etab",
        [
            new XElement(Men + "GAREtab", E("GARStructureUAI", uai), E("GARStructureNomCourant", etablissement.Nom)),
            .. matieres,
        ]);

        var eleve = Racine("Eleve", eleves.Select(m => new XElement(Men + "GAREleve", Identite(m), E("GARPersonEtab", uai))));
        var enseignant = Racine("Enseignant", personnels.Select(m => new XElement(Men + "GAREnseignant", Identite(m), E("GARPersonEtab", uai))));

        var groupes = lesDivisions.Values.OrderBy(d => d.Type, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => new XElement(Men + "GARGroupe", E("GARGroupeCode", d.Code), E("GARStructureUAI", uai), E("GARGroupeLibelle", d.Libelle),
                E("GARGroupeStatut", d.Type == "classe" ? "DIVISION" : "GROUPE")));
        var membresGroupes = affectes
            .Select(a => (Pseudo: Pseudo(a.EleveId), lesDivisions[a.DivisionId].Code)).Distinct()
            .OrderBy(a => a.Code, StringComparer.Ordinal).ThenBy(a => a.Pseudo, StringComparer.Ordinal)
            .Select(a => new XElement(Men + "GARPersonGroupe", E("GARStructureUAI", uai), E("GARPersonIdentifiant", a.Pseudo), E("GARGroupeCode", a.Code)));
        IEnumerable<XElement> EnseignementsDe(string type, string element) => enseignements
            .Where(e => lesDivisions[e.DivisionId].Type == type)
            .GroupBy(e => (Pseudo: Pseudo(e.EnseignantId), lesDivisions[e.DivisionId].Code))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal).ThenBy(g => g.Key.Pseudo, StringComparer.Ordinal)
            .Select(g => new XElement(Men + element, E("GARStructureUAI", uai), E("GARPersonIdentifiant", g.Key.Pseudo), E("GARGroupeCode", g.Key.Code),
                g.Select(CodeMatiere).Distinct().Order(StringComparer.Ordinal).Select(c => E("GARMatiereCode", c))));
        var groupe = Racine("Groupe",
        [
            .. groupes,
            .. membresGroupes,
            .. EnseignementsDe("groupe", "GAREnsGroupeMatiere"),
            .. EnseignementsDe("classe", "GAREnsClasseMatiere"),
        ]);

        // The affectation managers: the head and the documentalists, by default (the GAR's console is theirs).
        var responsables = personnels.Where(m => m.Profils.Contains("National_dir") || m.Profils.Contains("National_doc")).ToList();
        var courriels = (await annuaire.ListerCourrielsAsync([.. responsables.Select(r => r.Id)], ct)).ToDictionary(c => c.Id, c => c.Courriel);
        var respAff = Racine("RespAff", responsables.Where(r => courriels.ContainsKey(r.Id)).Select(r => new XElement(Men + "GARRespAff",
            E("GARPersonIdentifiant", Pseudo(r.Id)), E("GARPersonNom", r.Nom), E("GARPersonPrenom", r.Prenom),
            E("GARPersonMail", courriels[r.Id]), E("GARRespAffEtab", uai))));

        var fichiers = new List<FichierFlux>();
        foreach (var (type, racine) in new[] { ("Etab", etab), ("Eleve", eleve), ("Enseignant", enseignant), ("Groupe", groupe), ("RespAff", respAff) })
        {
            var nom = $"{idEnt}_GAR-ENT_Complet_{horodatage}_{type}_0000.xml";
            var contenu = Ecrire(new XDocument(new XDeclaration("1.0", "UTF-8", null), racine));
            var erreurs = SchemaGar.Valider(contenu);
            if (erreurs.Count > 0)
            {
                throw new FluxGarInvalideException(nom, erreurs);
            }

            fichiers.Add(new FichierFlux(type, nom, contenu));
        }

        return new FluxGar(etablissement, $"{idEnt}_{uai}_{maintenant:yyyyMMdd}_Complet.zip", fichiers, [.. eleves.Select(e => e.Id)]);
    }

    /// <summary>UTF-8 without a byte order mark, indented: what the GAR's files look like.</summary>
    internal static byte[] Ecrire(XDocument document)
    {
        using var memoire = new MemoryStream();
        using (var ecrivain = XmlWriter.Create(memoire, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(ecrivain);
        }

        return memoire.ToArray();
    }
}
