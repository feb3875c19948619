using Dapper;
using Ent.Kernel.Documents;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>A document of a consent form, as the families and organisers see it.</summary>
/// <param name="Id">Its id (the download's address).</param>
/// <param name="Nom">Its name, cleaned, with the extension its content has.</param>
/// <param name="TypeContenu">Its type, read from its content.</param>
/// <param name="Taille">Bytes.</param>
internal sealed record PieceJointeConsentement(Guid Id, string Nom, string TypeContenu, int Taille);

/// <summary>Consent forms' documents: the Kernel's document storage, in Communication's folder.</summary>
internal sealed class StockageConsentements(IOptions<DocumentsCommunicationOptions> options) : StockageDocuments(options.Value.Dossier)
{
    /// <summary>A file: 10 Mo at most (a programme, a list of things to bring).</summary>
    public const long TailleMax = 10 * 1024 * 1024;

    /// <summary>Files per form.</summary>
    public const int ParConsentement = 5;

    private const string Sql = """
        SELECT consentement_id, id, nom_original AS nom, type_contenu, taille FROM communication.consentement_piece_jointe
        WHERE consentement_id = ANY(@ids) ORDER BY depose_le, id
        """;

    /// <summary>The documents of the given forms, by form.</summary>
    public static async Task<ILookup<Guid, PieceJointeConsentement>> DesConsentementsAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> ids,
        CancellationToken ct)
    {
        var lignes = ids.Count == 0
            ? []
            : (await conn.QueryAsync<(Guid ConsentementId, Guid Id, string Nom, string TypeContenu, int Taille)>(
                new CommandDefinition(Sql, new { ids = ids.ToArray() }, cancellationToken: ct))).AsList();
        return lignes.ToLookup(l => l.ConsentementId, l => new PieceJointeConsentement(l.Id, l.Nom, l.TypeContenu, l.Taille));
    }
}
