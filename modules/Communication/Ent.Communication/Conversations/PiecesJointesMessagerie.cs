using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Conversations;

/// <summary>The messages' attachments: the Kernel's document storage, in Communication's folder.</summary>
internal sealed class StockagePiecesJointesMessagerie(IOptions<DocumentsCommunicationOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>An attachment: 10 Mo at most (a scanned letter, a photo, a document).</summary>
    public const long TailleMax = 10 * 1024 * 1024;
}
