using Dapper;
using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>An event's files: the Kernel's document storage, in Communication's folder.</summary>
internal sealed class StockagePiecesJointesAgenda(IOptions<DocumentsCommunicationOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>An event's file: 10 Mo at most (a permission slip, an exam timetable).</summary>
    public const long TailleMax = 10 * 1024 * 1024;

    /// <summary>Files per event.</summary>
    public const int ParEvenement = 5;

    private const string Sql = """
        SELECT id, evenement_id, nom_original AS nom, type_contenu, taille FROM communication.evenement_piece_jointe
        WHERE evenement_id = ANY(@ids) ORDER BY depose_le, id
        """;

    /// <summary>The files of the given events.</summary>
    public static async Task<ILookup<Guid, PieceJointeEvenement>> DesEvenementsAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return Array.Empty<(Guid, PieceJointeEvenement)>().ToLookup(p => p.Item1, p => p.Item2);
        }

        var lignes = await conn.QueryAsync<(Guid Id, Guid EvenementId, string Nom, string TypeContenu, int Taille)>(
            new CommandDefinition(Sql, new { ids = ids.ToArray() }, cancellationToken: ct));
        return lignes.ToLookup(l => l.EvenementId, l => new PieceJointeEvenement(l.Id, l.Nom, l.TypeContenu, l.Taille));
    }
}

/// <summary>A file attached to an event.</summary>
/// <param name="Id">Identifier (its download address: /api/communication/evenements/pieces-jointes/{id}).</param>
/// <param name="Nom">Its name, as given (cleaned).</param>
/// <param name="TypeContenu">Its type, read from its content.</param>
/// <param name="Taille">Its size in bytes.</param>
internal sealed record PieceJointeEvenement(Guid Id, string Nom, string TypeContenu, int Taille);
