using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;

namespace Ent.VieScolaire.Documents;

/// <summary>Settings under <c>Ent:VieScolaire:Documents</c>.</summary>
internal sealed class DocumentsOptions
{
    public const string Section = "Ent:VieScolaire:Documents";

    /// <summary>
    /// Folder of the families' documents, relative to the folder Ent runs in (like the embedded database's). It must not
    /// be served: files are read only by the endpoints that check who asks. Other modules keep their own folders.
    /// </summary>
    public string Dossier { get; set; } = Path.Combine(".data", "documents");
}

/// <summary>The justification documents' folder (the Kernel's document storage, in VieScolaire's folder).</summary>
internal sealed class StockageJustificatifs(IOptions<DocumentsOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>A family's justification document: 5 Mo at most (a phone photo or a scanned certificate).</summary>
    public const long TailleMax = 5 * 1024 * 1024;
}
