using System.Xml;
using System.Xml.Schema;

namespace Ent.Ressources.Gar.Flux;

/// <summary>
/// The GAR-ENT schema shipped with Ent (GAR-ENT.xsd, embedded; its provenance is in its header) and the check every
/// flux file passes before it leaves: a file with a single error is never written nor served.
/// </summary>
internal static class SchemaGar
{
    public const string Espace = "http://data.education.fr/ns/gar";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Charger);

    private static XmlSchemaSet Charger()
    {
        using var flux = typeof(SchemaGar).Assembly.GetManifestResourceStream("GAR-ENT.xsd")
                         ?? throw new InvalidOperationException("GAR-ENT.xsd n'est pas incorporé à l'assemblage.");
        var schemas = new XmlSchemaSet();
        schemas.Add(Espace, XmlReader.Create(flux));
        schemas.Compile();
        return schemas;
    }

    /// <summary>
    /// The schema's errors in the document exactly as it would be sent (its bytes), one line each with its position;
    /// empty when it is valid. Warnings count as errors: an element the schema does not know is one.
    /// </summary>
    public static IReadOnlyList<string> Valider(byte[] contenu)
    {
        var erreurs = new List<string>();
        var reglages = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        reglages.ValidationEventHandler += (_, e) =>
            erreurs.Add($"ligne {e.Exception.LineNumber}, colonne {e.Exception.LinePosition} : {e.Message}");
        try
        {
            using var lecteur = XmlReader.Create(new MemoryStream(contenu), reglages);
            while (lecteur.Read())
            {
            }
        }
        catch (XmlException e)
        {
            erreurs.Add($"ligne {e.LineNumber}, colonne {e.LinePosition} : XML mal formé : {e.Message}");
        }

        return erreurs;
    }
}
