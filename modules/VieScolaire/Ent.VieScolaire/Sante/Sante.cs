using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Ent.Kernel.Chiffrement;
using Ent.Kernel.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// The key that encrypts health data at rest (AES-256-GCM), kept outside the database: <c>Ent:Sante:Cle</c> (32 bytes
/// in base64), else the file <c>Ent:Sante:FichierCle</c> (default <c>.data/cle-sante</c>, created on first start,
/// owner-only). A key of its own, not the data-protection one: the two are backed up, rotated and handed out apart.
/// </summary>
internal sealed class CleSante
{
    public const string FichierParDefaut = ".data/cle-sante";

    private readonly Lazy<byte[]> _valeur;

    public CleSante(IConfiguration configuration) => _valeur = new(() =>
        CleExterne.Lire(configuration, "Ent:Sante:Cle", "Ent:Sante:FichierCle", FichierParDefaut, "de la santé scolaire"));

    public string Empreinte => CleExterne.Empreinte(_valeur.Value);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A value serialized to JSON and encrypted, bound to its row by <paramref name="ligne"/>.</summary>
    public byte[] Chiffrer<T>(T valeur, Guid ligne) => ChiffrerOctets(JsonSerializer.SerializeToUtf8Bytes(valeur, Json), ligne);

    public T Dechiffrer<T>(byte[] chiffre, Guid ligne) => JsonSerializer.Deserialize<T>(DechiffrerOctets(chiffre, ligne), Json)!;

    public byte[] ChiffrerOctets(byte[] clair, Guid ligne) => AesGcmEnt.Chiffrer(_valeur.Value, clair, ligne.ToByteArray());

    public byte[] DechiffrerOctets(byte[] chiffre, Guid ligne) => AesGcmEnt.Dechiffrer(_valeur.Value, chiffre, ligne.ToByteArray());
}

/// <summary>
/// At every start: the health data of the database must have been encrypted with this host's key. A host given another
/// key (a new machine without the key file) refuses to start and says which key is missing, rather than answering a
/// 500 on every health record.
/// </summary>
internal sealed class VerificationCleSante(CleSante cle) : IStartupTask
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var conn = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        var empreintes = (await conn.QueryAsync<string>(new CommandDefinition("""
            SELECT empreinte_cle FROM viescolaire.passage_infirmerie
            UNION SELECT empreinte_cle FROM viescolaire.pai
            UNION SELECT empreinte_cle FROM viescolaire.pai_document
            """, cancellationToken: ct))).ToList();
        var autres = empreintes.Where(e => e != cle.Empreinte).ToList();
        if (autres.Count > 0)
        {
            throw new CryptographicException(
                $"Les données de santé scolaire de la base ont été chiffrées avec une autre clé (empreinte {string.Join(", ", autres)}) que celle de " +
                $"cette instance (empreinte {cle.Empreinte}) : donnez à chaque instance la même clé (Ent:Sante:Cle, ou une copie du fichier " +
                "Ent:Sante:FichierCle de la première instance).");
        }
    }
}

/// <summary>The words of the infirmary: why a pupil came, how the visit ended.</summary>
internal static class CataloguesSante
{
    public static readonly FrozenDictionary<string, string> Motifs = new Dictionary<string, string>
    {
        ["malaise"] = "Malaise",
        ["douleur"] = "Douleur (tête, ventre…)",
        ["blessure"] = "Blessure",
        ["traitement"] = "Prise d'un traitement",
        ["ecoute"] = "Besoin d'écoute",
        ["autre"] = "Autre",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, string> Issues = new Dictionary<string, string>
    {
        ["retour_classe"] = "Retour en classe",
        ["famille_appelee"] = "Famille appelée, retour en classe",
        ["retour_domicile"] = "Rentré au domicile avec sa famille",
        ["urgences"] = "Secours appelés",
    }.ToFrozenDictionary();

    /// <summary>The outcomes the family is told of at once, through their channels: the pupil leaves, or the emergency services come.</summary>
    public static bool FamilleInformee(string issue) => issue is "retour_domicile" or "urgences";
}

/// <summary>What a visit's encrypted <c>donnees</c> hold.</summary>
internal sealed record ContenuPassage(string Motif, string Issue, string? Soins, string? Observations);

/// <summary>What a PAI's encrypted <c>donnees</c> hold.</summary>
internal sealed record ContenuPai(string? Allergies, string? Traitements, string? ConduiteATenir, string ConsignesUrgence);

/// <summary>An infirmary visit.</summary>
/// <param name="Id">The visit.</param>
/// <param name="Arrivee">When the pupil came.</param>
/// <param name="Depart">When they left the infirmary, if recorded.</param>
/// <param name="Motif">malaise, douleur, blessure, traitement, ecoute or autre.</param>
/// <param name="MotifLibelle">The reason as read.</param>
/// <param name="Issue">retour_classe, famille_appelee, retour_domicile or urgences.</param>
/// <param name="IssueLibelle">The outcome as read.</param>
/// <param name="Soins">The care given.</param>
/// <param name="Observations">The nurse's observations.</param>
/// <param name="FamillePrevenue">True when the family was told through their channels (the pupil left, or the emergency services came).</param>
internal sealed record PassageInfirmerie(Guid Id, DateTimeOffset Arrivee, DateTimeOffset? Depart, string Motif, string MotifLibelle, string Issue,
    string IssueLibelle, string? Soins, string? Observations, bool FamillePrevenue);

/// <summary>A pupil's health plan (PAI).</summary>
/// <param name="Allergies">Allergies.</param>
/// <param name="Traitements">Treatments, and where they are kept.</param>
/// <param name="ConduiteATenir">What to do day to day.</param>
/// <param name="ConsignesUrgence">What to do in an emergency: what the pupil's teachers read.</param>
/// <param name="Document">The signed PAI document, if one was filed: its type and size.</param>
/// <param name="ModifieLe">Last changed.</param>
internal sealed record Pai(string? Allergies, string? Traitements, string? ConduiteATenir, string ConsignesUrgence, DocumentPai? Document,
    DateTimeOffset ModifieLe);

/// <summary>The PAI's document.</summary>
/// <param name="TypeContenu">application/pdf, image/jpeg or image/png.</param>
/// <param name="Taille">Its size in bytes.</param>
/// <param name="DeposeLe">When it was filed.</param>
internal sealed record DocumentPai(string TypeContenu, int Taille, DateTimeOffset DeposeLe);

/// <summary>Reads and decrypts a pupil's health records.</summary>
internal static class LectureSante
{
    private sealed record LignePassage(Guid Id, DateTimeOffset Arrivee, DateTimeOffset? Depart, byte[] Donnees, bool FamillePrevenue);

    private sealed record LignePai(byte[] Donnees, DateTimeOffset ModifieLe, string? TypeContenu, int? Taille, DateTimeOffset? DeposeLe);

    public static PassageInfirmerie Passage(CleSante cle, Guid id, DateTimeOffset arrivee, DateTimeOffset? depart, byte[] donnees, bool famillePrevenue) =>
        Passage(id, arrivee, depart, cle.Dechiffrer<ContenuPassage>(donnees, id), famillePrevenue);

    public static PassageInfirmerie Passage(Guid id, DateTimeOffset arrivee, DateTimeOffset? depart, ContenuPassage contenu, bool famillePrevenue) =>
        new(id, arrivee, depart, contenu.Motif, CataloguesSante.Motifs.GetValueOrDefault(contenu.Motif, contenu.Motif),
            contenu.Issue, CataloguesSante.Issues.GetValueOrDefault(contenu.Issue, contenu.Issue), contenu.Soins, contenu.Observations, famillePrevenue);

    /// <summary>The pupil's visits since <paramref name="depuis"/>, latest first.</summary>
    public static async Task<IReadOnlyList<PassageInfirmerie>> PassagesAsync(NpgsqlConnection conn, CleSante cle, Guid eleveId, DateTimeOffset depuis,
        CancellationToken ct)
    {
        var lignes = await conn.QueryAsync<LignePassage>(new CommandDefinition("""
            SELECT id, arrivee, depart, donnees, famille_prevenue FROM viescolaire.passage_infirmerie
            WHERE eleve_id = @eleveId AND arrivee >= @depuis ORDER BY arrivee DESC LIMIT 500
            """, new { eleveId, depuis }, cancellationToken: ct));
        return [.. lignes.Select(l => Passage(cle, l.Id, l.Arrivee, l.Depart, l.Donnees, l.FamillePrevenue))];
    }

    public static async Task<Pai?> PaiAsync(NpgsqlConnection conn, CleSante cle, Guid eleveId, CancellationToken ct)
    {
        var ligne = await conn.QuerySingleOrDefaultAsync<LignePai>(new CommandDefinition("""
            SELECT p.donnees, p.modifie_le, d.type_contenu, d.taille, d.depose_le
            FROM viescolaire.pai p LEFT JOIN viescolaire.pai_document d ON d.eleve_id = p.eleve_id
            WHERE p.eleve_id = @eleveId
            """, new { eleveId }, cancellationToken: ct));
        if (ligne is null)
        {
            return null;
        }

        var contenu = cle.Dechiffrer<ContenuPai>(ligne.Donnees, eleveId);
        var document = ligne.TypeContenu is { } type ? new DocumentPai(type, ligne.Taille!.Value, ligne.DeposeLe!.Value) : null;
        return new Pai(contenu.Allergies, contenu.Traitements, contenu.ConduiteATenir, contenu.ConsignesUrgence, document, ligne.ModifieLe);
    }

    /// <summary>Of these pupils, those with a PAI in force (the teachers' « PAI : voir l'infirmerie » flag).</summary>
    public static async Task<HashSet<Guid>> AvecPaiAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> eleveIds, CancellationToken ct) =>
        eleveIds.Count == 0
            ? []
            : (await conn.QueryAsync<Guid>(new CommandDefinition("SELECT eleve_id FROM viescolaire.pai WHERE eleve_id = ANY(@ids)",
                new { ids = eleveIds.ToArray() }, cancellationToken: ct))).ToHashSet();

    /// <summary>What is kept: the current school year and the previous one (the register's retention).</summary>
    public static DateTimeOffset DebutConservation(Horaires horaires) =>
        horaires.Instant(Horaires.DebutAnnee(horaires.Aujourdhui).AddYears(-1), TimeOnly.MinValue);
}
