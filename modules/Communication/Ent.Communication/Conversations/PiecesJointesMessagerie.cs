using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Conversations;

/// <summary>Settings under <c>Ent:Communication:Documents</c>.</summary>
internal sealed class DocumentsCommunicationOptions
{
    public const string Section = "Ent:Communication:Documents";

    /// <summary>Folder of the messages' attachments (Communication's own, beside the other modules'): never served as it is.</summary>
    public string Dossier { get; set; } = Path.Combine(".data", "documents", "communication");
}

/// <summary>The messages' attachments: the Kernel's document storage, in Communication's folder.</summary>
internal sealed class StockagePiecesJointesMessagerie(IOptions<DocumentsCommunicationOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>An attachment: 10 Mo at most (a scanned letter, a photo, a document).</summary>
    public const long TailleMax = 10 * 1024 * 1024;
}
