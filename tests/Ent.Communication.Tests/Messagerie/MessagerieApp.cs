using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Messagerie;

/// <summary>A clock that starts on a fixed day and runs on; a test moves it forward (the hourly sending limits).</summary>
public sealed class HorlogeMessagerie(DateTimeOffset depart) : TimeProvider
{
    private readonly DateTimeOffset _lancement = System.GetUtcNow();
    private TimeSpan _decalage;

    public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement) + _decalage;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public void Avancer(TimeSpan duree) => _decalage += duree;
}

/// <summary>
/// The demo lycée on Wednesday 25 November 2026 at 11:00, Paris time (the clock runs on), with the cast of the messaging
/// tests: a pupil of 2NDE1 (« élève ») and a legal guardian (« parent »), a classmate from another family and their
/// guardian, the 2NDE1 maths teacher (« enseignant »), a teacher who teaches the pupil nothing, the CPE, the head, the
/// nurse, the region's administrator, and a family of another class.
/// </summary>
public sealed class MessagerieApp : EntApp
{
    public static readonly DateTimeOffset Depart = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public HorlogeMessagerie Horloge { get; } = new(Depart);

    public string Dossier { get; } = TestCluster.NewFolder("documents-communication");

    /// <summary>Login of each person of the cast.</summary>
    public Dictionary<string, string> Identifiants { get; } = new(StringComparer.Ordinal);

    /// <summary>Id of each person of the cast.</summary>
    public Dictionary<string, Guid> Ids { get; } = new(StringComparer.Ordinal);

    public Guid EtablissementId { get; private set; }

    public Guid ClasseId { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Communication:Documents:Dossier"] = Dossier,
        ["Ent:Acheminement:IntervalleMs"] = "50",
        // The messaging's background service (digests, purge) looks every second: a test moving the clock sees it act.
        ["Ent:Messagerie:IntervalleSecondes"] = "1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Horloge));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }

    public HttpClient Client(string qui) => this.ClientConnecte(Identifiants[qui]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        (ClasseId, EtablissementId) = await conn.QuerySingleAsync<(Guid, Guid)>(
            "SELECT id, etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = '2026-2027'");

        async Task Compte(string qui, string identifiant)
        {
            Identifiants[qui] = identifiant;
            Ids[qui] = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });
        }

        await Compte("enseignant", await conn.ExecuteScalarAsync<string>("""
            SELECT k.identifiant FROM scolarite.service_enseignement s JOIN identite.compte k ON k.personne_id = s.enseignant_id
            WHERE s.classe_id = @ClasseId AND s.matiere_code = 'MATHS'
            """, new { ClasseId }) ?? throw new InvalidOperationException("MATHS de 2NDE1"));

        var (eleve, parent) = await conn.QueryFirstAsync<(string, string)>("""
            SELECT ke.identifiant, kp.identifiant
            FROM scolarite.inscription_classe i
            JOIN identite.compte ke ON ke.personne_id = i.eleve_id
            JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            JOIN identite.compte kp ON kp.personne_id = l.responsable_id
            WHERE i.classe_id = @ClasseId
            ORDER BY ke.identifiant, kp.identifiant LIMIT 1
            """, new { ClasseId });
        await Compte("élève", eleve);
        await Compte("parent", parent);

        // A classmate from another family (no guardian in common) and one of their guardians.
        var (camarade, parentCamarade) = await conn.QueryFirstAsync<(string, string)>("""
            SELECT ke.identifiant, kp.identifiant
            FROM scolarite.inscription_classe i
            JOIN identite.compte ke ON ke.personne_id = i.eleve_id
            JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            JOIN identite.compte kp ON kp.personne_id = l.responsable_id
            WHERE i.classe_id = @ClasseId AND i.eleve_id <> @eleve
              AND NOT EXISTS (SELECT 1 FROM identite.lien_responsable a JOIN identite.lien_responsable b ON a.responsable_id = b.responsable_id
                              WHERE a.eleve_id = i.eleve_id AND b.eleve_id = @eleve)
            ORDER BY ke.identifiant, kp.identifiant LIMIT 1
            """, new { ClasseId, eleve = Ids["élève"] });
        await Compte("camarade", camarade);
        await Compte("parent du camarade", parentCamarade);

        // A teacher who teaches none of the family's children (no service in their classes or groups, not their head
        // teacher): the pupil's brothers and sisters count.
        await Compte("autre enseignant", await conn.ExecuteScalarAsync<string>("""
            WITH enfants AS (SELECT eleve_id FROM identite.lien_responsable WHERE responsable_id = @parent UNION SELECT @eleve)
            SELECT k.identifiant FROM identite.compte k
            WHERE k.identifiant LIKE 'prof.%' AND NOT EXISTS (
                SELECT 1 FROM scolarite.service_enseignement s
                WHERE s.enseignant_id = k.personne_id
                  AND (s.classe_id IN (SELECT classe_id FROM scolarite.inscription_classe WHERE eleve_id IN (SELECT eleve_id FROM enfants))
                       OR s.groupe_id IN (SELECT groupe_id FROM scolarite.inscription_groupe WHERE eleve_id IN (SELECT eleve_id FROM enfants))))
              AND NOT EXISTS (SELECT 1 FROM scolarite.professeur_principal p
                              WHERE p.enseignant_id = k.personne_id
                                AND p.classe_id IN (SELECT classe_id FROM scolarite.inscription_classe WHERE eleve_id IN (SELECT eleve_id FROM enfants)))
            ORDER BY k.identifiant LIMIT 1
            """, new { eleve = Ids["élève"], parent = Ids["parent"] }) ?? throw new InvalidOperationException("autre enseignant"));

        // A family of another class, with nothing in common with the pupil's: the hourly limit's sender.
        await Compte("autre parent", await conn.ExecuteScalarAsync<string>("""
            SELECT kp.identifiant
            FROM identite.lien_responsable l JOIN identite.compte kp ON kp.personne_id = l.responsable_id
            WHERE l.legal AND l.eleve_id NOT IN (SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @ClasseId)
            ORDER BY kp.identifiant LIMIT 1
            """, new { ClasseId }) ?? throw new InvalidOperationException("autre parent"));

        await Compte("cpe", "cpe");
        await Compte("direction", "direction");
        await Compte("infirmerie", "infirmerie");
        await Compte("région", "admin.region");
    }

    /// <summary>Sends a new message; returns the answer.</summary>
    public Task<HttpResponseMessage> EnvoyerAsync(string qui, Guid[] destinataires, string sujet = "Bonjour", string texte = "Un message.",
        string[]? groupes = null, Guid[]? piecesJointes = null) =>
        Client(qui).PostAsJsonAsync("/api/communication/me/conversations",
            new { destinataires, groupes = groupes ?? [], sujet, texte, piecesJointes = piecesJointes ?? [] });

    /// <summary>Puts the établissement back on the default rules, with no suspension or block in force.</summary>
    public Task RetablirAsync() => ExecuterAsync("""
        DELETE FROM communication.regle_messagerie;
        UPDATE communication.suspension_messagerie SET leve_le = now(), leve_par = suspendu_par WHERE leve_le IS NULL;
        UPDATE communication.blocage_messagerie SET leve_le = now(), leve_par = bloque_par WHERE leve_le IS NULL;
        """);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Dossier))
        {
            Directory.Delete(Dossier, recursive: true);
        }
    }
}

/// <summary>Answers read into records.</summary>
internal static class Reponses
{
    private static readonly System.Text.Json.JsonSerializerOptions SansEchappement =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON answer as text, its French unescaped (the API escapes non-ASCII characters).</summary>
    public static async Task<string> TexteAsync(this HttpResponseMessage reponse) =>
        System.Text.Json.Nodes.JsonNode.Parse(await reponse.Content.ReadAsStringAsync())!.ToJsonString(SansEchappement);

    public sealed record Envoye(Guid[] Conversations);

    public sealed record Possible(Guid Id, string Nom, string Profil, string Qualite, Guid EtablissementId);

    public sealed record GroupePossible(string Id, string Libelle, int Nombre, Guid EtablissementId);

    public sealed record Destinataires(Possible[] Personnes, GroupePossible[] Groupes, bool Tronque);

    public sealed record MaMessagerie(EtablissementMessagerie[] Etablissements, int NonLues);

    public sealed record EtablissementMessagerie(Guid EtablissementId, string Etablissement, string[] Profils, bool PeutEcrire, string? Raison,
        int EnvoisParHeure, int EnvoisDerniereHeure);

    public sealed record Resume(Guid Id, string Sujet, string[] Interlocuteurs, int NombreInterlocuteurs, string Extrait, string DernierAuteur,
        DateTime Le, int NonLus, bool Archivee);

    public sealed record MesConversations(int NonLues, Resume[] Conversations);

    public sealed record Participant(Guid Id, string Nom, bool Moi);

    public sealed record Piece(Guid Id, string Nom, string TypeContenu, int Taille);

    public sealed record Message(Guid Id, Guid AuteurId, string Auteur, bool DeMoi, string Texte, DateTime EnvoyeLe, Piece[] PiecesJointes, string[] LuPar);

    public sealed record Conversation(Guid Id, string Sujet, string Etablissement, bool Archivee, Participant[] Participants, Message[] Messages,
        bool PeutRepondre, string? Raison);

    public sealed record Regle(string Expediteur, string Destinataire, string Portee);

    public sealed record ReglesEtablissement(Regle[] Regles, bool ParDefaut);

    public sealed record Signalement(Guid Id, Guid ExpediteurId, string Expediteur, DateTime EnvoyeLe, string Sujet, string Texte, string SignalePar,
        string Motif, DateTime SignaleLe, bool Traite, bool ExpediteurBloque);

    public sealed record Suspension(string Profil, string Motif, bool Region, DateTime Le);

    public sealed record Blocage(Guid PersonneId, string Nom, string Motif, DateTime Le);

    public sealed record VueModeration(Suspension[] Suspensions, Blocage[] Blocages, Signalement[] Signalements);
}
