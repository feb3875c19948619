using Dapper;
using Ent.Communication.Agenda;
using Ent.Communication.Annonces;
using Ent.Communication.Consentements;
using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Evenements;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests;

/// <summary>Communication's documents in a folder of the test's own: the purges' files are looked for there.</summary>
public sealed class RetentionApp : EntApp
{
    public string DossierDocuments { get; } = TestCluster.NewFolder("documents-retention");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Communication:Documents:Dossier"] = DossierDocuments,
    };
}

/// <summary>
/// Retention of messaging, announcements, calendar, elections, reports and consent forms (issue 18). For each purge,
/// rows just older and just younger than its limit at a pinned instant: exactly the old ones go, with their children
/// and files, and a second run deletes nothing. The school-year limits are tried on both sides of the rentrée (an
/// instant in August, one in September). Rows are inserted directly (ids of their own); the demo's rows may go too,
/// which the assertions ignore.
/// </summary>
public sealed class RetentionCommunicationTests(RetentionApp app) : IClassFixture<RetentionApp>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    // 31 August 2027, 22:00 in Paris: the last evening of 2026-2027; the previous school year began on 1 September 2025.
    private static readonly DateTimeOffset Aout = new(2027, 8, 31, 20, 0, 0, TimeSpan.Zero);

    // 1 September 2027, 10:00 in Paris: 2027-2028 has begun; the previous school year began on 1 September 2026.
    private static readonly DateTimeOffset Septembre = new(2027, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset MinuitParis(int annee, int mois, int jour)
    {
        var local = new DateTime(annee, mois, jour);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private IPurgeRetention Purge(string nom) => app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == nom);

    private async Task<NpgsqlConnection> ConnexionAsync() => await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

    private T Stockage<T>() where T : StockageDocuments => app.Services.GetRequiredService<T>();

    private bool Existe(string nomStockage) => File.Exists(Path.Combine(app.DossierDocuments, nomStockage));

    private static async Task<string> FichierAsync(StockageDocuments stockage) =>
        (await stockage.EcrireAsync(new MemoryStream("%PDF-1.4 test"u8.ToArray()), CancellationToken.None)).NomStockage;

    private static async Task<long> CompterAsync(NpgsqlConnection conn, string sql, object parametres) =>
        await conn.ExecuteScalarAsync<long>(sql, parametres);

    /// <summary>Runs a purge twice: the first deletes at least <paramref name="auMoins"/> rows, the second none.</summary>
    private static async Task PurgerAsync(IPurgeRetention purge, DateTimeOffset maintenant, int auMoins)
    {
        Assert.True(await purge.PurgerAsync(maintenant, CancellationToken.None) >= auMoins);
        Assert.Equal(0, await purge.PurgerAsync(maintenant, CancellationToken.None));
    }

    private const string Sha = "0000000000000000000000000000000000000000000000000000000000000000";

    // ---- Messaging -----------------------------------------------------------------------------------------------

    private static async Task<(Guid Conversation, Guid Message)> ConversationAsync(NpgsqlConnection conn, DateTimeOffset dernier)
    {
        var (c, m, p) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await conn.ExecuteAsync("""
            INSERT INTO communication.conversation (id, etablissement_id, sujet, cree_par, cree_le, dernier_message_le)
            VALUES (@c, gen_random_uuid(), 'Sujet', @p, @dernier, @dernier);
            INSERT INTO communication.participant (conversation_id, personne_id) VALUES (@c, @p), (@c, gen_random_uuid());
            INSERT INTO communication.message (id, conversation_id, auteur_id, texte, envoye_le, envoi_id)
            VALUES (@m, @c, @p, 'Texte', @dernier, gen_random_uuid());
            """, new { c, m, p, dernier });
        return (c, m);
    }

    private Task<(Guid Id, string Nom)> PieceJointeAsync(NpgsqlConnection conn, DateTimeOffset deposeLe, params Guid[] messages) =>
        PieceJointeAsync(conn, null, deposeLe, messages);

    private async Task<(Guid Id, string Nom)> PieceJointeAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, DateTimeOffset deposeLe, params Guid[] messages)
    {
        var (id, nom) = (Guid.NewGuid(), await FichierAsync(Stockage<StockagePiecesJointesMessagerie>()));
        await conn.ExecuteAsync("""
            INSERT INTO communication.piece_jointe (id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@id, @nom, 'piece.pdf', 'application/pdf', 13, @Sha, gen_random_uuid(), @deposeLe);
            INSERT INTO communication.message_piece_jointe (message_id, piece_jointe_id) SELECT m, @id FROM unnest(@messages) AS m;
            """, new { id, nom, Sha, deposeLe, messages }, tx);
        return (id, nom);
    }

    private static Task<int> SignalerAsync(NpgsqlConnection conn, Guid message, DateTimeOffset signaleLe, DateTimeOffset? traiteLe) =>
        conn.ExecuteAsync("""
            INSERT INTO communication.signalement (id, etablissement_id, message_id, signale_par, motif, signale_le, traite_par, traite_le)
            VALUES (gen_random_uuid(), gen_random_uuid(), @message, gen_random_uuid(), 'Insulte', @signaleLe,
                    CASE WHEN @traiteLe IS NOT NULL THEN gen_random_uuid() END, @traiteLe)
            """, new { message, signaleLe, traiteLe });

    [Fact]
    public async Task A_conversation_goes_at_the_rentree_after_the_school_year_following_its_last_message_with_all_that_hangs_from_it()
    {
        await using var conn = await ConnexionAsync();
        var rentree2025 = MinuitParis(2025, 9, 1);
        var rentree2026 = MinuitParis(2026, 9, 1);
        var ancienne = await ConversationAsync(conn, rentree2025.AddMinutes(-1));
        var recente = await ConversationAsync(conn, rentree2025.AddMinutes(1));
        var suivante = await ConversationAsync(conn, rentree2026.AddMinutes(1));
        // Old, but one of its messages was reported and treated less than a year before: kept for the head.
        var retenue = await ConversationAsync(conn, rentree2025.AddDays(-30));
        await SignalerAsync(conn, retenue.Message, Aout.AddYears(-1).AddDays(-10), Aout.AddMonths(-11));
        await SignalerAsync(conn, ancienne.Message, rentree2025.AddDays(-2), rentree2025.AddDays(-1));
        // A file sent to both (one sending to two families); one sent in the old one only.
        var seule = await PieceJointeAsync(conn, rentree2025.AddDays(-1), ancienne.Message);
        var partagee = await PieceJointeAsync(conn, rentree2025.AddDays(-1), ancienne.Message, recente.Message);
        var brouillon = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO communication.brouillon (id, auteur_id, conversation_id, modifie_le) VALUES (@brouillon, gen_random_uuid(), @c, @le)
            """, new { brouillon, c = ancienne.Conversation, le = Aout.AddDays(-1) });

        Task<long> Reste(Guid conversation) => CompterAsync(conn, """
            SELECT (SELECT count(*) FROM communication.conversation WHERE id = @conversation)
                 + (SELECT count(*) FROM communication.participant WHERE conversation_id = @conversation)
                 + (SELECT count(*) FROM communication.message WHERE conversation_id = @conversation)
                 + (SELECT count(*) FROM communication.message_piece_jointe mp JOIN communication.message m ON m.id = mp.message_id
                    WHERE m.conversation_id = @conversation)
                 + (SELECT count(*) FROM communication.signalement s JOIN communication.message m ON m.id = s.message_id
                    WHERE m.conversation_id = @conversation)
            """, new { conversation });
        Task<long> Pieces(Guid id) => CompterAsync(conn, "SELECT count(*) FROM communication.piece_jointe WHERE id = @id", new { id });

        var purge = Purge("communication.conversation");
        Assert.Contains("l'année scolaire du dernier message et la suivante", purge.Duree, StringComparison.Ordinal);

        // 31 August 2027: what ended before 1 September 2025 goes.
        await PurgerAsync(purge, Aout, 8);
        Assert.Equal(0, await Reste(ancienne.Conversation));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM communication.brouillon WHERE id = @brouillon", new { brouillon }));
        Assert.Equal(0, await Pieces(seule.Id));
        Assert.False(Existe(seule.Nom));
        Assert.Equal(1, await Pieces(partagee.Id));
        Assert.True(Existe(partagee.Nom));
        Assert.Equal(5, await Reste(recente.Conversation)); // conversation, 2 participants, message, link
        Assert.Equal(4, await Reste(suivante.Conversation));
        Assert.Equal(5, await Reste(retenue.Conversation));

        // 1 September 2027: the rentrée moved; 2025-2026's conversations go, and the shared file with the last one naming it.
        await PurgerAsync(purge, Septembre, 5);
        Assert.Equal(0, await Reste(recente.Conversation));
        Assert.Equal(0, await Pieces(partagee.Id));
        Assert.False(Existe(partagee.Nom));
        Assert.Equal(4, await Reste(suivante.Conversation));
        Assert.Equal(5, await Reste(retenue.Conversation));

        // A year after the report was treated, the conversation it held goes too.
        await PurgerAsync(purge, Aout.AddMonths(2), 5);
        Assert.Equal(0, await Reste(retenue.Conversation));
        Assert.Equal(4, await Reste(suivante.Conversation));
    }

    [Fact]
    public async Task A_draft_goes_a_year_after_its_last_change_with_its_attachments_no_message_uses()
    {
        var maintenant = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        await using var conn = await ConnexionAsync();
        var envoyee = await ConversationAsync(conn, maintenant.AddDays(-10));
        // Files and drafts together: the background purge of files never sent must not see the files alone.
        await using var tx = await conn.BeginTransactionAsync();
        var propre = await PieceJointeAsync(conn, tx, maintenant.AddYears(-2));
        var envoyeeAussi = await PieceJointeAsync(conn, tx, maintenant.AddYears(-2), envoyee.Message);
        var duRecent = await PieceJointeAsync(conn, tx, maintenant.AddYears(-2));
        var (ancien, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await conn.ExecuteAsync("""
            INSERT INTO communication.brouillon (id, auteur_id, pieces_jointes, modifie_le) VALUES
                (@ancien, gen_random_uuid(), @piecesAncien, @vieux),
                (@recent, gen_random_uuid(), @piecesRecent, @jeune)
            """, new
        {
            ancien, recent, piecesAncien = new[] { propre.Id, envoyeeAussi.Id, duRecent.Id }, piecesRecent = new[] { duRecent.Id },
            vieux = maintenant.AddYears(-1).AddMinutes(-1), jeune = maintenant.AddYears(-1).AddMinutes(1),
        }, tx);
        await tx.CommitAsync();

        await PurgerAsync(Purge("communication.brouillon"), maintenant, 2);
        Assert.Equal([recent], (await conn.QueryAsync<Guid>("SELECT id FROM communication.brouillon WHERE id = ANY(@ids)",
            new { ids = new[] { ancien, recent } })).ToArray());
        var restantes = (await conn.QueryAsync<Guid>("SELECT id FROM communication.piece_jointe WHERE id = ANY(@ids)",
            new { ids = new[] { propre.Id, envoyeeAussi.Id, duRecent.Id } })).Order().ToArray();
        Assert.Equal(new[] { envoyeeAussi.Id, duRecent.Id }.Order().ToArray(), restantes);
        Assert.False(Existe(propre.Nom));
        Assert.True(Existe(envoyeeAussi.Nom));
        Assert.True(Existe(duRecent.Nom));
    }

    [Fact]
    public async Task Suspensions_and_blocks_go_the_school_year_after_their_lifting_never_while_in_force()
    {
        await using var conn = await ConnexionAsync();
        var rentree2026 = MinuitParis(2026, 9, 1);
        var etablissement = Guid.NewGuid();
        var lignes = new (string Cle, DateTimeOffset? LeveLe)[]
        {
            ("levee-avant", rentree2026.AddMinutes(-1)),
            ("levee-apres", rentree2026.AddMinutes(1)),
            ("en-vigueur", null),
        };
        foreach (var (cle, leveLe) in lignes)
        {
            // The motive carries the row's name.
            await conn.ExecuteAsync("""
                INSERT INTO communication.suspension_messagerie (id, etablissement_id, profil, motif, suspendu_par, suspendu_le, leve_par, leve_le)
                VALUES (gen_random_uuid(), @etablissement, @profil, @cle, gen_random_uuid(), '2020-01-01T00:00:00Z',
                        CASE WHEN @leveLe IS NOT NULL THEN gen_random_uuid() END, @leveLe);
                INSERT INTO communication.blocage_messagerie (id, etablissement_id, personne_id, motif, bloque_par, bloque_le, leve_par, leve_le)
                VALUES (gen_random_uuid(), @etablissement, gen_random_uuid(), @cle, gen_random_uuid(), '2020-01-01T00:00:00Z',
                        CASE WHEN @leveLe IS NOT NULL THEN gen_random_uuid() END, @leveLe);
                """, new { etablissement, profil = "eleve", cle, leveLe });
        }

        async Task<string[]> Restants(string table) => (await conn.QueryAsync<string>(
            $"SELECT motif FROM communication.{table} WHERE etablissement_id = @etablissement ORDER BY motif", new { etablissement })).ToArray();

        var purge = Purge("communication.moderation_messagerie");
        // 31 August 2027: the limit is 1 September 2025, both lifted after it.
        await purge.PurgerAsync(Aout, CancellationToken.None);
        Assert.Equal(["en-vigueur", "levee-apres", "levee-avant"], await Restants("suspension_messagerie"));
        // 1 September 2027: the limit is 1 September 2026.
        await PurgerAsync(purge, Septembre, 2);
        Assert.Equal(["en-vigueur", "levee-apres"], await Restants("suspension_messagerie"));
        Assert.Equal(["en-vigueur", "levee-apres"], await Restants("blocage_messagerie"));
    }

    // ---- Announcements, calendar ---------------------------------------------------------------------------------

    private async Task<(Guid Id, string Fichier)> AnnonceAsync(NpgsqlConnection conn, DateTimeOffset visibleDu, DateTimeOffset? visibleAu, DateTimeOffset? retireeLe)
    {
        var (id, fichier) = (Guid.NewGuid(), await FichierAsync(Stockage<StockageAnnonces>()));
        await conn.ExecuteAsync("""
            INSERT INTO communication.annonce (id, etablissement_id, auteur_id, titre, texte, audience, audience_libelle, accuse_lecture,
                                               visible_du, visible_au, publiee_le, retiree_le, retiree_par)
            VALUES (@id, gen_random_uuid(), gen_random_uuid(), 'Titre', 'Texte', '{}'::jsonb, 'Familles', true,
                    @visibleDu, @visibleAu, @visibleDu, @retireeLe, CASE WHEN @retireeLe IS NOT NULL THEN gen_random_uuid() END);
            INSERT INTO communication.annonce_destinataire (annonce_id, personne_id, profil) VALUES (@id, gen_random_uuid(), 'responsable');
            INSERT INTO communication.annonce_famille (annonce_id, eleve_id, responsable_id) VALUES (@id, gen_random_uuid(), gen_random_uuid());
            INSERT INTO communication.annonce_piece_jointe (id, annonce_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_le)
            VALUES (gen_random_uuid(), @id, @fichier, 'programme.pdf', 'application/pdf', 13, @Sha, @visibleDu);
            """, new { id, visibleDu, visibleAu, retireeLe, fichier, Sha });
        return (id, fichier);
    }

    [Fact]
    public async Task An_announcement_goes_the_school_year_after_its_visibility_ended_or_its_withdrawal_with_its_recipients_and_files()
    {
        await using var conn = await ConnexionAsync();
        var rentree2025 = MinuitParis(2025, 9, 1);
        var rentree2026 = MinuitParis(2026, 9, 1);
        var finie = await AnnonceAsync(conn, rentree2025.AddDays(-20), rentree2025.AddMinutes(-1), null);
        var retiree = await AnnonceAsync(conn, rentree2025.AddDays(-20), null, rentree2025.AddMinutes(-1));
        var retireeAvantSaFin = await AnnonceAsync(conn, rentree2025.AddDays(-20), rentree2026.AddDays(10), rentree2025.AddMinutes(-1));
        var finieApres = await AnnonceAsync(conn, rentree2025.AddDays(-20), rentree2025.AddMinutes(1), null);
        var sansFin = await AnnonceAsync(conn, rentree2025.AddYears(-3), null, null);
        var ids = new[] { finie.Id, retiree.Id, retireeAvantSaFin.Id, finieApres.Id, sansFin.Id };

        async Task<Guid[]> Restantes() =>
            (await conn.QueryAsync<Guid>("SELECT id FROM communication.annonce WHERE id = ANY(@ids)", new { ids })).Order().ToArray();
        Task<long> Enfants(Guid id) => CompterAsync(conn, """
            SELECT (SELECT count(*) FROM communication.annonce_destinataire WHERE annonce_id = @id)
                 + (SELECT count(*) FROM communication.annonce_famille WHERE annonce_id = @id)
                 + (SELECT count(*) FROM communication.annonce_piece_jointe WHERE annonce_id = @id)
            """, new { id });

        var purge = Purge("communication.annonce");
        await PurgerAsync(purge, Aout, 12);
        Assert.Equal(new[] { finieApres.Id, sansFin.Id }.Order().ToArray(), await Restantes());
        foreach (var partie in new[] { finie, retiree, retireeAvantSaFin })
        {
            Assert.Equal(0, await Enfants(partie.Id));
            Assert.False(Existe(partie.Fichier));
        }

        Assert.Equal(3, await Enfants(finieApres.Id));
        Assert.True(Existe(finieApres.Fichier));

        await PurgerAsync(purge, Septembre, 4);
        Assert.Equal([sansFin.Id], await Restantes());
        Assert.False(Existe(finieApres.Fichier));
        Assert.True(Existe(sansFin.Fichier));
    }

    [Fact]
    public async Task A_public_announcement_goes_30_days_after_it_expired()
    {
        var maintenant = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        var etablissement = Guid.NewGuid();
        await using var conn = await ConnexionAsync();
        foreach (var (titre, expire) in new (string, DateTimeOffset?)[]
                 { ("expiree-31j", maintenant.AddDays(-31)), ("expiree-29j", maintenant.AddDays(-29)), ("sans-expiration", null) })
        {
            await conn.ExecuteAsync("""
                INSERT INTO communication.annonce_publique (id, etablissement_id, titre, texte, publiee_le, expire_le)
                VALUES (gen_random_uuid(), @etablissement, @titre, 'Texte', '2020-01-01T00:00:00Z', @expire)
                """, new { etablissement, titre, expire });
        }

        var purge = Purge("communication.annonce_publique");
        Assert.Contains("pas de donnée personnelle", purge.Duree, StringComparison.Ordinal);
        await PurgerAsync(purge, maintenant, 1);
        Assert.Equal(["expiree-29j", "sans-expiration"], (await conn.QueryAsync<string>(
            "SELECT titre FROM communication.annonce_publique WHERE etablissement_id = @etablissement ORDER BY titre", new { etablissement })).ToArray());
    }

    [Fact]
    public async Task A_calendar_event_goes_the_school_year_after_the_one_of_its_last_day_with_its_files()
    {
        await using var conn = await ConnexionAsync();
        var ids = new Dictionary<string, (Guid Id, string Fichier)>();
        foreach (var (cle, fin) in new[] { ("fin-31-aout-2025", "2025-08-31"), ("fin-1er-sept-2025", "2025-09-01"), ("fin-1er-sept-2026", "2026-09-01") })
        {
            var (id, fichier) = (Guid.NewGuid(), await FichierAsync(Stockage<StockagePiecesJointesAgenda>()));
            await conn.ExecuteAsync("""
                INSERT INTO communication.evenement (id, etablissement_id, categorie, titre, jour_debut, jour_fin, profils, auteur_id, cree_le, modifie_le)
                VALUES (@id, gen_random_uuid(), 'sortie', @cle, @fin::date - 1, @fin::date, ARRAY['eleves'], gen_random_uuid(), now(), now());
                INSERT INTO communication.evenement_piece_jointe (id, evenement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
                VALUES (gen_random_uuid(), @id, @fichier, 'sortie.pdf', 'application/pdf', 13, @Sha, gen_random_uuid(), now());
                """, new { id, cle, fin, fichier, Sha });
            ids[cle] = (id, fichier);
        }

        async Task<string[]> Restants() => (await conn.QueryAsync<string>("SELECT titre FROM communication.evenement WHERE id = ANY(@ids) ORDER BY titre",
            new { ids = ids.Values.Select(v => v.Id).ToArray() })).ToArray();

        var purge = Purge("communication.evenement");
        // 20 August 2027 (still 2026-2027): the events that ended before 1 September 2025 go.
        await PurgerAsync(purge, new DateTimeOffset(2027, 8, 20, 10, 0, 0, TimeSpan.Zero), 2);
        Assert.Equal(["fin-1er-sept-2025", "fin-1er-sept-2026"], await Restants());
        Assert.False(Existe(ids["fin-31-aout-2025"].Fichier));
        Assert.Equal(0, await CompterAsync(conn, "SELECT count(*) FROM communication.evenement_piece_jointe WHERE evenement_id = @Id",
            new { ids["fin-31-aout-2025"].Id }));
        Assert.True(Existe(ids["fin-1er-sept-2025"].Fichier));

        // 1 September 2027, 00:30 in Paris (still 31 August in UTC): Paris decides, 2025-2026 is over.
        await PurgerAsync(purge, new DateTimeOffset(2027, 8, 31, 22, 30, 0, TimeSpan.Zero), 2);
        Assert.Equal(["fin-1er-sept-2026"], await Restants());
        Assert.False(Existe(ids["fin-1er-sept-2025"].Fichier));
        Assert.True(Existe(ids["fin-1er-sept-2026"].Fichier));
    }

    // ---- Elections -----------------------------------------------------------------------------------------------

    private static async Task<Guid> ElectionAsync(NpgsqlConnection conn, DateTimeOffset cloture)
    {
        var (id, liste) = (Guid.NewGuid(), Guid.NewGuid());
        var (electeur1, electeur2) = (Guid.NewGuid(), Guid.NewGuid());
        // Frozen and sealed already: the background job leaves it alone.
        await conn.ExecuteAsync("""
            INSERT INTO communication.election (id, etablissement_id, titre, sieges, ouverture, cloture, creee_par, creee_le,
                                                electeurs_figes_le, nombre_electeurs, scellee_le)
            VALUES (@id, gen_random_uuid(), 'Élection', 2, @ouverture, @cloture, gen_random_uuid(), @ouverture, @ouverture, 2, @cloture);
            INSERT INTO communication.election_liste (id, election_id, rang, nom) VALUES (@liste, @id, 1, 'Liste des parents');
            INSERT INTO communication.election_candidat (liste_id, rang, nom, prenom, date_naissance) VALUES (@liste, 1, 'Martin', 'Claire', '1980-01-01');
            INSERT INTO communication.election_electeur (election_id, personne_id) VALUES (@id, @electeur1), (@id, @electeur2);
            INSERT INTO communication.election_emargement (election_id, personne_id, vote_le) VALUES (@id, @electeur1, @ouverture);
            INSERT INTO communication.election_urne (cle, election_id, liste_id, empreinte_recu)
            VALUES (gen_random_uuid(), @id, @liste, sha256(@id::text::bytea));
            """, new { id, liste, electeur1, electeur2, ouverture = cloture.AddDays(-1), cloture });
        return id;
    }

    /// <summary>« electeurs,emargements,urne,listes,candidats,election ».</summary>
    private static Task<string> EtatAsync(NpgsqlConnection conn, Guid id) =>
        conn.QuerySingleAsync<string>("""
            SELECT concat_ws(',', (SELECT count(*) FROM communication.election_electeur WHERE election_id = @id),
                   (SELECT count(*) FROM communication.election_emargement WHERE election_id = @id),
                   (SELECT count(*) FROM communication.election_urne WHERE election_id = @id),
                   (SELECT count(*) FROM communication.election_liste WHERE election_id = @id),
                   (SELECT count(*) FROM communication.election_candidat c JOIN communication.election_liste l ON l.id = c.liste_id WHERE l.election_id = @id),
                   (SELECT count(*) FROM communication.election WHERE id = @id))
            """, new { id });

    [Fact]
    public async Task Electoral_lists_go_two_months_after_the_closing_the_urn_stays_and_the_election_goes_whole_the_school_year_after()
    {
        var maintenant = new DateTimeOffset(2027, 9, 10, 10, 0, 0, TimeSpan.Zero);
        await using var conn = await ConnexionAsync();
        var rentree2026 = MinuitParis(2026, 9, 1);
        var deuxMoisPasses = await ElectionAsync(conn, maintenant.AddMonths(-2).AddMinutes(-1));
        var deuxMoisPasPasses = await ElectionAsync(conn, maintenant.AddMonths(-2).AddMinutes(1));
        var avantRentree = await ElectionAsync(conn, rentree2026.AddMinutes(-1));
        var apresRentree = await ElectionAsync(conn, rentree2026.AddMinutes(1));

        await PurgerAsync(Purge("communication.election_electeur"), maintenant, 9);
        Assert.Equal("0,0,1,1,1,1", await EtatAsync(conn, deuxMoisPasses));
        Assert.Equal("2,1,1,1,1,1", await EtatAsync(conn, deuxMoisPasPasses));
        Assert.Equal("0,0,1,1,1,1", await EtatAsync(conn, apresRentree));

        var purge = Purge("communication.election");
        // 31 August 2027: 1 September 2025 is the limit, none of these.
        await purge.PurgerAsync(Aout, CancellationToken.None);
        Assert.Equal("0,0,1,1,1,1", await EtatAsync(conn, avantRentree));
        // Later in September: the one closed before 1 September 2026 goes whole.
        await PurgerAsync(purge, maintenant, 4);
        Assert.Equal("0,0,0,0,0,0", await EtatAsync(conn, avantRentree));
        Assert.Equal("0,0,1,1,1,1", await EtatAsync(conn, apresRentree));
        Assert.Equal("2,1,1,1,1,1", await EtatAsync(conn, deuxMoisPasPasses));
    }

    // ---- Reports -------------------------------------------------------------------------------------------------

    private static async Task<Guid> FormulaireAsync(NpgsqlConnection conn, bool actif)
    {
        var id = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO communication.formulaire_signalement (id, etablissement_id, titre, champs, destinataires, confidentiel, actif, cree_par, cree_le)
            VALUES (@id, gen_random_uuid(), 'Locaux', '[]'::jsonb, ARRAY['direction'], false, @actif, gen_random_uuid(), '2020-01-01T00:00:00Z')
            """, new { id, actif });
        return id;
    }

    private async Task<(Guid Id, string Fichier)> DossierAsync(NpgsqlConnection conn, Guid formulaire, string etat, DateTimeOffset modifieLe)
    {
        var (id, fichier) = (Guid.NewGuid(), await FichierAsync(Stockage<StockagePiecesJointesMessagerie>()));
        await conn.ExecuteAsync("""
            INSERT INTO communication.dossier_signalement (id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires,
                                                          confidentiel, reponses, etat, depose_le, modifie_le)
            VALUES (@id, @formulaire, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'eleve', 'Locaux', ARRAY['direction'],
                    false, '[]'::jsonb, @etat, @modifieLe, @modifieLe);
            INSERT INTO communication.dossier_signalement_message (id, dossier_id, auteur_id, texte, etat, envoye_le)
            VALUES (gen_random_uuid(), @id, gen_random_uuid(), 'Pris en charge', @etat, @modifieLe);
            INSERT INTO communication.signalement_piece_jointe (id, dossier_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (gen_random_uuid(), @id, @fichier, 'photo.pdf', 'application/pdf', 13, @Sha, gen_random_uuid(), @modifieLe);
            """, new { id, formulaire, etat, modifieLe, fichier, Sha });
        return (id, fichier);
    }

    [Fact]
    public async Task A_report_goes_a_year_after_its_closing_or_three_years_untouched_and_a_withdrawn_form_once_no_report_is_left()
    {
        var maintenant = new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        await using var conn = await ConnexionAsync();
        var propose = await FormulaireAsync(conn, actif: true);
        var retireAvecReste = await FormulaireAsync(conn, actif: false);
        var retireVide = await FormulaireAsync(conn, actif: false);
        var retireBientotVide = await FormulaireAsync(conn, actif: false);
        var closAncien = await DossierAsync(conn, retireBientotVide, "clos", maintenant.AddYears(-1).AddMinutes(-1));
        var closRecent = await DossierAsync(conn, retireAvecReste, "clos", maintenant.AddYears(-1).AddMinutes(1));
        var oublie = await DossierAsync(conn, propose, "en_cours", maintenant.AddYears(-3).AddMinutes(-1));
        var enCours = await DossierAsync(conn, propose, "en_cours", maintenant.AddYears(-3).AddMinutes(1));
        var dossiers = new[] { closAncien, closRecent, oublie, enCours };

        await PurgerAsync(Purge("communication.dossier_signalement"), maintenant, 6);
        Assert.Equal(new[] { closRecent.Id, enCours.Id }.Order().ToArray(), (await conn.QueryAsync<Guid>(
            "SELECT id FROM communication.dossier_signalement WHERE id = ANY(@ids)", new { ids = dossiers.Select(d => d.Id).ToArray() })).Order().ToArray());
        foreach (var (dossier, garde) in new[] { (closAncien, false), (closRecent, true), (oublie, false), (enCours, true) })
        {
            Assert.Equal(garde ? 2 : 0, await CompterAsync(conn, """
                SELECT (SELECT count(*) FROM communication.dossier_signalement_message WHERE dossier_id = @Id)
                     + (SELECT count(*) FROM communication.signalement_piece_jointe WHERE dossier_id = @Id)
                """, new { dossier.Id }));
            Assert.Equal(garde, Existe(dossier.Fichier));
        }

        await PurgerAsync(Purge("communication.formulaire_signalement"), maintenant, 2);
        Assert.Equal(new[] { propose, retireAvecReste }.Order().ToArray(), (await conn.QueryAsync<Guid>(
            "SELECT id FROM communication.formulaire_signalement WHERE id = ANY(@ids)",
            new { ids = new[] { propose, retireAvecReste, retireVide, retireBientotVide } })).Order().ToArray());
    }

    // ---- Consent forms -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_consent_form_goes_the_school_year_after_its_outing_ended_with_families_signed_answers_and_files()
    {
        await using var conn = await ConnexionAsync();
        var rentree2025 = MinuitParis(2025, 9, 1);
        var rentree2026 = MinuitParis(2026, 9, 1);
        var formes = new Dictionary<string, (Guid Id, string Fichier)>();
        foreach (var (cle, fin) in new[] { ("avant-2025", rentree2025.AddMinutes(-1)), ("apres-2025", rentree2025.AddMinutes(1)), ("apres-2026", rentree2026.AddMinutes(1)) })
        {
            var (id, fichier) = (Guid.NewGuid(), await FichierAsync(Stockage<StockageConsentements>()));
            var (eleve, responsable) = (Guid.NewGuid(), Guid.NewGuid());
            await conn.ExecuteAsync("""
                INSERT INTO communication.consentement (id, etablissement_id, organisateur_id, titre, description, lieu, debut, fin, cout_centimes,
                                                        date_limite, divisions, divisions_libelle, cree_le)
                VALUES (@id, gen_random_uuid(), gen_random_uuid(), @cle, 'Sortie', 'Musée', @debut, @fin, 0, @debut, ARRAY[gen_random_uuid()], 'Seconde 1', @debut);
                INSERT INTO communication.consentement_famille (consentement_id, eleve_id, responsable_id) VALUES (@id, @eleve, @responsable);
                INSERT INTO communication.consentement_reponse (consentement_id, eleve_id, responsable_id, accord, nom_signataire, signee_le, attestation)
                VALUES (@id, @eleve, @responsable, true, 'Claire Martin', @debut, 'J''autorise mon enfant.');
                INSERT INTO communication.consentement_piece_jointe (id, consentement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_le)
                VALUES (gen_random_uuid(), @id, @fichier, 'programme.pdf', 'application/pdf', 13, @Sha, @debut);
                """, new { id, cle, debut = fin.AddHours(-8), fin, eleve, responsable, fichier, Sha });
            formes[cle] = (id, fichier);
        }

        async Task<string[]> Restants() => (await conn.QueryAsync<string>(
            "SELECT titre FROM communication.consentement WHERE id = ANY(@ids) ORDER BY titre", new { ids = formes.Values.Select(f => f.Id).ToArray() })).ToArray();
        Task<long> Enfants(Guid id) => CompterAsync(conn, """
            SELECT (SELECT count(*) FROM communication.consentement_famille WHERE consentement_id = @id)
                 + (SELECT count(*) FROM communication.consentement_reponse WHERE consentement_id = @id)
                 + (SELECT count(*) FROM communication.consentement_piece_jointe WHERE consentement_id = @id)
            """, new { id });

        var purge = Purge("communication.consentement");
        await PurgerAsync(purge, Aout, 4);
        Assert.Equal(["apres-2025", "apres-2026"], await Restants());
        Assert.Equal(0, await Enfants(formes["avant-2025"].Id));
        Assert.False(Existe(formes["avant-2025"].Fichier));
        Assert.Equal(3, await Enfants(formes["apres-2025"].Id));

        await PurgerAsync(purge, Septembre, 4);
        Assert.Equal(["apres-2026"], await Restants());
        Assert.False(Existe(formes["apres-2025"].Fichier));
        Assert.True(Existe(formes["apres-2026"].Fichier));
    }

    // ---- A person erased -----------------------------------------------------------------------------------------

    [Fact]
    public async Task When_a_person_is_erased_their_preferences_and_drafts_go_in_the_same_transaction_and_no_one_elses()
    {
        var (effacee, autre) = (Guid.NewGuid(), Guid.NewGuid());
        await using var conn = await ConnexionAsync();
        foreach (var personne in new[] { effacee, autre })
        {
            await conn.ExecuteAsync("""
                INSERT INTO communication.preference_notification (personne_id, sms, courriel, application, modifie_le) VALUES (@personne, true, true, true, now());
                INSERT INTO communication.preference_messagerie (personne_id, resume_courriel, modifie_le) VALUES (@personne, true, now());
                INSERT INTO communication.brouillon (id, auteur_id, modifie_le) VALUES (gen_random_uuid(), @personne, now());
                """, new { personne });
        }

        Task<long> Lignes(Guid personne) => CompterAsync(conn, """
            SELECT (SELECT count(*) FROM communication.preference_notification WHERE personne_id = @personne)
                 + (SELECT count(*) FROM communication.preference_messagerie WHERE personne_id = @personne)
                 + (SELECT count(*) FROM communication.brouillon WHERE auteur_id = @personne)
            """, new { personne });

        // Rolled back with Identité's transaction: nothing goes.
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await app.Services.GetRequiredService<IEvenements>().PublierAsync(new PersonneEffacee(effacee), conn, tx, CancellationToken.None);
            await tx.RollbackAsync();
        }

        Assert.Equal(3, await Lignes(effacee));

        await using (var tx = await conn.BeginTransactionAsync())
        {
            await app.Services.GetRequiredService<IEvenements>().PublierAsync(new PersonneEffacee(effacee), conn, tx, CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.Equal(0, await Lignes(effacee));
        Assert.Equal(3, await Lignes(autre));
    }
}
