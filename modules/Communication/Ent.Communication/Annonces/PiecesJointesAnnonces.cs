using Dapper;
using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>A file attached to an announcement, as its readers see it.</summary>
/// <param name="Id">Its id (the download's address).</param>
/// <param name="Nom">Its name, cleaned, with the extension its content has.</param>
/// <param name="TypeContenu">Its type, read from its content.</param>
/// <param name="Taille">Bytes.</param>
internal sealed record PieceJointeAnnonce(Guid Id, string Nom, string TypeContenu, int Taille);

/// <summary>Announcements' files: the Kernel's document storage, in Communication's folder.</summary>
internal sealed class StockageAnnonces(IOptions<DocumentsCommunicationOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>A file: 10 Mo at most (a form, a programme, a scanned letter).</summary>
    public const long TailleMax = 10 * 1024 * 1024;

    /// <summary>Files per announcement.</summary>
    public const int ParAnnonce = 5;

    private const string Sql = """
        SELECT annonce_id, id, nom_original AS nom, type_contenu, taille FROM communication.annonce_piece_jointe
        WHERE annonce_id = ANY(@ids) ORDER BY depose_le, id
        """;

    /// <summary>The files of the given announcements, by announcement.</summary>
    public static async Task<ILookup<Guid, PieceJointeAnnonce>> DesAnnoncesAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<(Guid, PieceJointeAnnonce)>().ToLookup(x => x.Item1, x => x.Item2);
        }

        var lignes = await conn.QueryAsync<(Guid AnnonceId, Guid Id, string Nom, string TypeContenu, int Taille)>(
            new CommandDefinition(Sql, new { ids = ids.ToArray() }, cancellationToken: ct));
        return lignes.ToLookup(l => l.AnnonceId, l => new PieceJointeAnnonce(l.Id, l.Nom, l.TypeContenu, l.Taille));
    }
}
