using System.Text.Json;
using Npgsql;

/// <summary>Ent's SQL, copied verbatim from the files named in Program.cs, and the few helpers that run it.</summary>
internal static class Sql
{
    public const string DernieresNotes = """
        SELECT e.id AS evaluation_id, coalesce(m.libelle, s.matiere_libelle) AS matiere, e.date, e.titre, e.bareme, e.coefficient,
               n.valeur, n.marqueur,
               round((SELECT avg(CASE WHEN x.valeur IS NOT NULL THEN x.valeur WHEN x.marqueur = 'non_rendu' AND pn.non_rendu = 'zero' THEN 0 END)
                      FROM scolarite.note x WHERE x.evaluation_id = e.id), 2) AS moyenne_classe,
               n.saisie_le
        FROM scolarite.note n
        JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        JOIN scolarite.periode p ON p.id = e.periode_id
        JOIN scolarite.service_enseignement s ON s.id = e.service_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = p.etablissement_id AND m.code = s.matiere_code
        LEFT JOIN scolarite.parametres_notation pn ON pn.etablissement_id = p.etablissement_id
        WHERE n.eleve_id = @eleveId AND p.annee_scolaire = @annee AND (e.publication IS NULL OR e.publication <= @aujourdhui)
        ORDER BY greatest(n.saisie_le, e.publication::timestamptz) DESC, e.date DESC, e.id
        LIMIT 5
        """;

    public const string Absences = """
        SELECT a.id, a.type, a.debut, a.fin, a.demi_journee, a.minutes_retard, a.cours, a.statut, m.libelle AS motif,
               a.statut IN ('non_justifiee', 'refusee') AS justifiable
        FROM viescolaire.absence a
        LEFT JOIN viescolaire.motif_absence m ON m.code = a.motif_code
        WHERE a.eleve_id = @eleveId AND a.annulee_le IS NULL AND a.jour >= @debutAnnee
        ORDER BY a.debut DESC
        LIMIT 1000
        """;

    public const string Notifications = """
        SELECT id, eleve_id, categorie, titre, texte, lien, visible_le AS le, lue_le IS NOT NULL AS lue
        FROM communication.notification
        WHERE destinataire_id = @personneId AND visible_le <= @maintenant
        ORDER BY visible_le DESC, id DESC
        LIMIT @limite;
        SELECT count(*)::int FROM communication.notification
        WHERE destinataire_id = @personneId AND visible_le <= @maintenant AND lue_le IS NULL;
        """;

    // (i) Issue #16: ListerMesAnnoncesEndpoint.Sql.
    public const string MesAnnonces = """
        SELECT a.id, a.etablissement_id, a.auteur_id, a.titre, a.texte, a.visible_du, d.lue_le, a.accuse_lecture, d.profil, d.confirmee_le, a.modifiee_le
        FROM communication.annonce_destinataire d JOIN communication.annonce a ON a.id = d.annonce_id
        WHERE d.personne_id = @moi AND a.visible_du <= @maintenant AND (a.visible_au IS NULL OR a.visible_au > @maintenant) AND a.retiree_le IS NULL
        ORDER BY a.visible_du DESC, a.id DESC
        LIMIT 50
        """;

    public const string ClasseEleve = """
        SELECT c.id, c.etablissement_id, c.code, c.libelle
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = @eleveId AND c.annee_scolaire = @annee
        ORDER BY c.id
        LIMIT 1
        """;

    public const string Periodes = """
        SELECT id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le
        FROM scolarite.periode
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        ORDER BY numero
        """;

    public const string ServicesReleve = """
        WITH groupes AS (
            SELECT DISTINCT ig.groupe_id
            FROM scolarite.inscription_groupe ig
            JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
            WHERE ic.classe_id = @classeId
        )
        SELECT s.id, s.enseignant_id, s.matiere_code, coalesce(m.libelle, s.matiere_libelle) AS matiere_libelle,
               s.classe_id, s.groupe_id, s.coefficient, coalesce(m.rang, 100)::smallint AS rang
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = @etablissementId AND m.code = s.matiere_code
        WHERE s.classe_id = @classeId OR s.groupe_id IN (SELECT groupe_id FROM groupes)
        ORDER BY rang, matiere_libelle, s.id;

        SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classeId ORDER BY eleve_id;

        SELECT ig.groupe_id, ig.eleve_id
        FROM scolarite.inscription_groupe ig
        JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
        WHERE ic.classe_id = @classeId;

        SELECT non_rendu = 'zero' FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId;
        """;

    public const string EvaluationsReleve = """
        SELECT id, service_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication
        FROM scolarite.evaluation
        WHERE periode_id = @periodeId AND service_id = ANY(@services)
          AND (@visiblesAu::date IS NULL OR publication IS NULL OR publication <= @visiblesAu::date)
        ORDER BY date, cree_le, id;

        SELECT n.evaluation_id, n.eleve_id, n.valeur, n.marqueur, n.commentaire, n.saisie_le
        FROM scolarite.note n
        JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        WHERE e.periode_id = @periodeId AND e.service_id = ANY(@services)
          AND (@visiblesAu::date IS NULL OR e.publication IS NULL OR e.publication <= @visiblesAu::date);
        """;

    public const string Appreciations = """
        SELECT service_id, texte FROM scolarite.appreciation WHERE eleve_id = @eleveId AND periode_id = @periodeId
        """;

    public const string VerrouNotes = """
        SELECT e.bareme, e.titre, e.publication FROM scolarite.evaluation e WHERE e.id = @evaluationId FOR UPDATE;
        SELECT eleve_id, valeur, marqueur, commentaire FROM scolarite.note WHERE evaluation_id = @evaluationId;
        """;

    public const string EcrireNotes = """
        INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, marqueur, commentaire, saisie_par, saisie_le)
        SELECT @evaluationId, l.eleve_id, l.valeur, l.marqueur, l.commentaire, @auteurId, @maintenant
        FROM unnest(@eleves, @valeurs, @marqueurs, @commentaires) AS l(eleve_id, valeur, marqueur, commentaire)
        ON CONFLICT (evaluation_id, eleve_id) DO UPDATE
        SET valeur = excluded.valeur, marqueur = excluded.marqueur, commentaire = excluded.commentaire,
            saisie_par = excluded.saisie_par, saisie_le = excluded.saisie_le;
        DELETE FROM scolarite.note WHERE evaluation_id = @evaluationId AND eleve_id = ANY(@effaces);
        """;

    public const string Appel = """
        INSERT INTO viescolaire.appel (id, etablissement_id, service_id, debut, fin, cours, fait_par, fait_le, modifie_le)
        VALUES (@id, @etablissementId, @serviceId, @debut, @fin, @cours, @par, @maintenant, @maintenant)
        ON CONFLICT (service_id, debut) DO UPDATE SET modifie_le = excluded.modifie_le
        RETURNING id, fin, (xmax = 0) AS cree
        """;

    public const string EtatsAppel = """
        SELECT e.eleve_id, e.etat, e.minutes_retard FROM viescolaire.appel_eleve e WHERE e.appel_id = @appelId;
        SELECT id, eleve_id, type, minutes_retard, annulee_le IS NOT NULL AS annulee FROM viescolaire.absence WHERE appel_id = @appelId;
        """;

    public const string EcrireEtats = """
        INSERT INTO viescolaire.appel_eleve (appel_id, eleve_id, etat, minutes_retard)
        SELECT @appelId, l.eleve_id, l.etat, l.minutes FROM unnest(@eleves, @etats, @minutes) AS l(eleve_id, etat, minutes)
        ON CONFLICT (appel_id, eleve_id) DO UPDATE SET etat = excluded.etat, minutes_retard = excluded.minutes_retard;
        INSERT INTO viescolaire.appel_historique (appel_id, eleve_id, etat_avant, etat, minutes_retard, par, le)
        SELECT @appelId, l.eleve_id, l.avant, l.etat, l.minutes, @par, @maintenant
        FROM unnest(@eleves, @avants, @etats, @minutes) AS l(eleve_id, avant, etat, minutes);
        """;

    public const string NouvelleAbsence = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, appel_id,
                                         saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Cours, @AppelId, @Par, @Maintenant);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le)
        VALUES (@Id, 'non_justifiee', @Detail, @Par, @Maintenant);
        """;

    // Issue 15 (ical-bench): (f) the family's week view and (g) the homework list.

    // modules/Scolarite/Ent.Scolarite/CahierDeTextes/CahierDeTextes.cs (ServiceSql + ServicesEleveAsync): the pupil's
    // services this school year, their class's and their groups'.
    public const string ServicesEleve = """
        SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id, s.enseignant_id, s.matiere_code,
               s.matiere_libelle, s.classe_id, s.groupe_id, coalesce(c.libelle, g.libelle) AS division
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
         AND s.id IN (SELECT s2.id FROM scolarite.service_enseignement s2
                      JOIN scolarite.inscription_classe ic ON ic.classe_id = s2.classe_id WHERE ic.eleve_id = @eleveId
                      UNION ALL
                      SELECT s2.id FROM scolarite.service_enseignement s2
                      JOIN scolarite.inscription_groupe ig ON ig.groupe_id = s2.groupe_id WHERE ig.eleve_id = @eleveId)
        ORDER BY s.matiere_libelle, s.id
        """;

    // modules/Scolarite/Ent.Scolarite/EmploiDuTemps/EmploiDuTempsLecture.cs (CreneauxSql, ModificationsSql, SemainesSql).
    public const string Creneaux = """
        SELECT c.id, c.etablissement_id, c.service_id, s.enseignant_id, c.jour, c.debut, c.fin, c.salle, c.semaine, c.valide_du, c.valide_au
        FROM scolarite.creneau c JOIN scolarite.service_enseignement s ON s.id = c.service_id
        WHERE (c.service_id = ANY(@services) OR c.etablissement_id = @etablissementId)
          AND c.valide_du <= @au AND c.valide_au >= @du
        """;

    public const string Modifications = """
        SELECT m.id, m.etablissement_id, m.service_id, m.nature, m.debut_prevu, m.debut, m.fin, m.salle, m.remplacant_id, m.motif
        FROM scolarite.modification_cours m
        WHERE (m.service_id = ANY(@services) OR m.etablissement_id = @etablissementId)
          AND ((m.debut_prevu >= @depuis AND m.debut_prevu < @jusqua) OR (m.debut >= @depuis AND m.debut < @jusqua))
        """;

    public const string Semaines = """
        SELECT etablissement_id, lundi, semaine FROM scolarite.semaine_ab WHERE etablissement_id = ANY(@etablissements)
        """;

    // modules/Scolarite/Ent.Scolarite/CahierDeTextes/ListerDevoirsEleveEndpoint.cs (Sql).
    public const string Devoirs = """
        SELECT d.id, d.service_id, d.seance_id, d.pour_le, d.consigne, d.duree_minutes, d.a_rendre, d.evaluation, d.publie_le,
               s.debut AS donne_le, f.fait_le,
               EXISTS (SELECT 1 FROM scolarite.devoir_vu v WHERE v.devoir_id = d.id AND v.eleve_id = @eleveId) AS vu,
               EXISTS (SELECT 1 FROM scolarite.devoir_vu v WHERE v.devoir_id = d.id AND v.eleve_id = @eleveId AND v.responsable_id = @personneId) AS vu_par_moi
        FROM scolarite.devoir d
        LEFT JOIN scolarite.seance s ON s.id = d.seance_id
        LEFT JOIN scolarite.devoir_fait f ON f.devoir_id = d.id AND f.eleve_id = @eleveId
        WHERE d.service_id = ANY(@services) AND d.pour_le BETWEEN @du AND @au AND d.publie_le <= @maintenant
        ORDER BY d.pour_le, d.ordre, d.id
        """;

    // (m) modules/Communication/Ent.Communication/Conversations/ListerMesConversationsEndpoint.cs (Sql), then the names.
    public const string Conversations = """
        SELECT c.id, c.sujet, c.dernier_message_le AS le, p.archivee,
               (SELECT count(*) FROM communication.message m
                WHERE m.conversation_id = c.id AND m.auteur_id <> @personneId AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua))::int AS non_lus,
               d.texte, d.auteur_id,
               ARRAY(SELECT o.personne_id FROM communication.participant o
                     WHERE o.conversation_id = c.id AND o.personne_id <> @personneId ORDER BY o.personne_id LIMIT 4) AS interlocuteurs,
               (SELECT count(*) FROM communication.participant o WHERE o.conversation_id = c.id AND o.personne_id <> @personneId)::int
                   AS nombre_interlocuteurs
        FROM communication.participant p
        JOIN communication.conversation c ON c.id = p.conversation_id
        CROSS JOIN LATERAL (SELECT m.texte, m.auteur_id FROM communication.message m
                            WHERE m.conversation_id = c.id ORDER BY m.envoye_le DESC, m.id DESC LIMIT 1) d
        WHERE p.personne_id = @personneId
          AND (CASE WHEN @motif::text IS NULL THEN p.archivee = @archivee
                    ELSE c.sujet ILIKE @motif OR EXISTS (SELECT 1 FROM communication.message m WHERE m.conversation_id = c.id AND m.texte ILIKE @motif) END)
        ORDER BY c.dernier_message_le DESC, c.id DESC
        LIMIT @limite;
        SELECT count(*)::int FROM communication.participant p
        WHERE p.personne_id = @personneId AND EXISTS (
            SELECT 1 FROM communication.message m
            WHERE m.conversation_id = p.conversation_id AND m.auteur_id <> @personneId AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua));
        """;

    // modules/Identite/Ent.Identite/Annuaire/Annuaire.cs (TrouverPersonnesAsync).
    public const string Personnes = "SELECT id, nom, prenom FROM identite.personne WHERE id = ANY(@ids) ORDER BY nom, prenom, id";

    public static NpgsqlCommand Commande(NpgsqlConnection conn, string sql, params (string Nom, object? Valeur)[] parametres)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (nom, valeur) in parametres)
        {
            cmd.Parameters.AddWithValue(nom, valeur ?? DBNull.Value);
        }

        return cmd;
    }

    public static async Task ExecuterAsync(NpgsqlConnection conn, string sql, params (string Nom, object? Valeur)[] parametres)
    {
        await using var cmd = Commande(conn, sql, parametres);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Reads every row of every statement and drops them (what Ent reads and keeps for itself).</summary>
    public static async Task LireToutAsync(NpgsqlConnection conn, string sql, params (string Nom, object? Valeur)[] parametres)
    {
        await using var cmd = Commande(conn, sql, parametres);
        await using var r = await cmd.ExecuteReaderAsync();
        do
        {
            while (await r.ReadAsync()) { }
        }
        while (await r.NextResultAsync());
    }

    public static Dictionary<string, object?> Ligne(NpgsqlDataReader r)
    {
        var ligne = new Dictionary<string, object?>(r.FieldCount);
        for (var i = 0; i < r.FieldCount; i++)
        {
            ligne[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
        }

        return ligne;
    }

    /// <summary>Runs the SQL and answers its rows as JSON: one array per statement, in an array when there are several.</summary>
    public static async Task EcrireAsync(HttpContext http, NpgsqlDataSource db, string sql, params (string Nom, object? Valeur)[] parametres)
    {
        await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
        await using var cmd = Commande(conn, sql, parametres);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        var resultats = new List<List<Dictionary<string, object?>>>();
        do
        {
            var lignes = new List<Dictionary<string, object?>>();
            while (await r.ReadAsync(http.RequestAborted)) { lignes.Add(Ligne(r)); }
            resultats.Add(lignes);
        }
        while (await r.NextResultAsync(http.RequestAborted));

        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, resultats.Count == 1 ? resultats[0] : (object)resultats, Json.Options, http.RequestAborted);
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
