namespace Ent.Communication;

/// <summary>
/// Settings under <c>Ent:Communication:Documents</c>: the folder of Communication's files (messages' attachments, the
/// calendar's files), beside VieScolaire's and Scolarité's; never served as it is.
/// </summary>
internal sealed class DocumentsCommunicationOptions
{
    public const string Section = "Ent:Communication:Documents";

    public string Dossier { get; set; } = Path.Combine(".data", "documents", "communication");
}
