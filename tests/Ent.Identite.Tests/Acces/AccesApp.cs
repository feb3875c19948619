using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>
/// The demo lycée plus what the access rules need to be tested against: a second établissement with its own CPE, a
/// region administrator, a guardian without parental authority; and the people of the demo that the matrix names.
/// Every person has an account: HTTP requests carry their real access token (<see cref="Jetons"/>).
/// </summary>
public sealed class AccesApp : EntApp
{
    public Dictionary<string, Guid> Personnes { get; } = new(StringComparer.Ordinal);

    public Guid AutreEtablissementId { get; } = Guid.NewGuid();

    public Guid DemoEtablissementId { get; private set; }

    /// <summary>The families' documents (the {justificatif}'s), in a folder of the test's own.</summary>
    public string DossierDocuments { get; } = TestCluster.NewFolder("documents");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:VieScolaire:Documents:Dossier"] = DossierDocuments,
        // issue 16: Communication's files (the calendar's, the messages', the announcements'), in the same folder (random names never collide).
        ["Ent:Communication:Documents:Dossier"] = DossierDocuments,
        // issue 18 (espace de classe): the class workspaces' files, in the same folder.
        ["Ent:Ressources:Documents:Dossier"] = DossierDocuments,
        // issue 19: Web Push on, so that its endpoints answer (no device subscribes: nothing is sent).
        ["Ent:Push:Actif"] = "true",
        ["Ent:Push:Sujet"] = "mailto:push@ent.invalid",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

        Task<Guid> Compte(string identifiant) => conn.ExecuteScalarAsync<Guid>(
            "SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });

        DemoEtablissementId = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM identite.etablissement WHERE uai = '0750000A'");

        // The pupil of the matrix: in 2NDE1 and in the Spanish group ESP2 (prof.11's only service).
        Personnes["élève"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN scolarite.inscription_groupe g ON g.eleve_id = i.eleve_id
            WHERE c.code = '2NDE1' ORDER BY i.eleve_id LIMIT 1
            """);
        // A pupil of 2NDE1 outside the group: prof.11 does not teach them.
        Personnes["élève hors groupe"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = '2NDE1' AND NOT EXISTS (SELECT 1 FROM scolarite.inscription_groupe g WHERE g.eleve_id = i.eleve_id)
            ORDER BY i.eleve_id LIMIT 1
            """);
        Personnes["responsable légal"] = await conn.ExecuteScalarAsync<Guid>(
            "SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @id AND legal ORDER BY responsable_id LIMIT 1",
            new { id = Personnes["élève"] });
        // Another family: a pupil of TG1 who shares no guardian with the pupil, and one of their guardians.
        Personnes["autre élève"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = 'TG1' AND NOT EXISTS (
                SELECT 1 FROM identite.lien_responsable a JOIN identite.lien_responsable b ON a.responsable_id = b.responsable_id
                WHERE a.eleve_id = i.eleve_id AND b.eleve_id = @id)
            ORDER BY i.eleve_id LIMIT 1
            """, new { id = Personnes["élève"] });
        Personnes["responsable d'un autre élève"] = await conn.ExecuteScalarAsync<Guid>(
            "SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @id ORDER BY responsable_id LIMIT 1",
            new { id = Personnes["autre élève"] });

        Personnes["enseignant de la classe"] = await Compte("prof.01");
        Personnes["enseignant du groupe"] = await Compte("prof.11");
        Personnes["enseignant d'une autre classe"] = await Compte("prof.12");
        Personnes["cpe"] = await Compte("cpe");
        Personnes["direction"] = await Compte("direction");
        Personnes["infirmier"] = await Compte("infirmerie");

        Personnes["responsable non légal"] = Guid.NewGuid();
        Personnes["cpe d'un autre établissement"] = Guid.NewGuid();
        Personnes["administrateur de la région"] = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@autre, '0990001X', 'Lycée voisin', 'Paris');
            INSERT INTO identite.personne (id, nom, prenom) VALUES
                (@nonLegal, 'Grand-Parent', 'Jeanne'), (@cpeAutre, 'Voisin', 'Paul'), (@region, 'Région', 'Ada');
            INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien, legal) VALUES (@nonLegal, @eleve, 'autre', false);
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES (@cpeAutre, @autre, 'personnel', 'cpe');
            INSERT INTO identite.administrateur_region (personne_id) VALUES (@region);
            """, new
        {
            autre = AutreEtablissementId,
            nonLegal = Personnes["responsable non légal"],
            cpeAutre = Personnes["cpe d'un autre établissement"],
            region = Personnes["administrateur de la région"],
            eleve = Personnes["élève"],
        });

        // Accounts for the people made here, so that they log in like everyone else.
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), Ent.Kernel.Demo.DemoLycee.MotDePasse);
        foreach (var (qui, login) in new[] { ("responsable non légal", "test.nonlegal"), ("cpe d'un autre établissement", "test.cpe.voisin"), ("administrateur de la région", "test.region") })
        {
            await conn.ExecuteAsync("INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES (gen_random_uuid(), @id, @login, @hash)",
                new { id = Personnes[qui], login, hash });
        }

        // What the matrix's routes name besides the pupil: prof.01's French service in 2NDE1, its latest assessment, the
        // class, and the first trimester (its report cards are published in the demo).
        Valeurs["{service}"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            WHERE c.code = '2NDE1' AND s.matiere_code = 'FRANCAIS'
            """);
        Valeurs["{evaluation}"] = await conn.ExecuteScalarAsync<Guid>(
            "SELECT id FROM scolarite.evaluation WHERE service_id = @service ORDER BY date DESC LIMIT 1", new { service = Valeurs["{service}"] });
        Valeurs["{classe}"] = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '2NDE1'");
        Valeurs["{periode}"] = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.periode WHERE numero = 1");
        Valeurs["{eleve}"] = Personnes["élève"];
        // issue 16 (agenda): the demo's first-term council of 2NDE1 (for its families and the staff).
        Valeurs["{evenement}"] = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM communication.evenement WHERE cle_demo LIKE '%:conseil-1:2NDE1'");
        // …and a file attached to it ({piece-evenement}), as the upload leaves it.
        Valeurs["{piece-evenement}"] = Guid.NewGuid();
        var nomPiece = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, nomPiece), "%PDF-1.4\n%%EOF\n"u8.ToArray());
        await conn.ExecuteAsync("""
            INSERT INTO communication.evenement_piece_jointe (id, evenement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@id, @evenement, @nom, 'ordre-du-jour.pdf', 'application/pdf', 15, @sha, @direction, now())
            """, new { id = Valeurs["{piece-evenement}"], evenement = Valeurs["{evenement}"], nom = nomPiece, sha = new string('0', 64), direction = Personnes["direction"] });
        // The demo's announcement to the families of 2NDE1, with acknowledgement (issue #16).
        Valeurs["{annonce}"] = Ent.Kernel.Demo.DemoIds.Of("annonce", "sortie-2nde1");
        // …and one the matrix withdraws (issue #16, annonces2): the head's, to the whole établissement's staff.
        Valeurs["{annonce-retrait}"] = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO communication.annonce (id, etablissement_id, auteur_id, titre, texte, audience, audience_libelle, accuse_lecture, visible_du, publiee_le)
            VALUES (@id, @etablissement, @direction, 'À retirer', 'Annonce de la matrice.', '{"etablissement":true,"classes":[],"groupes":[],"profils":["personnels"]}',
                    'Personnels — tout l''établissement', false, now(), now())
            """, new { id = Valeurs["{annonce-retrait}"], etablissement = DemoEtablissementId, direction = Personnes["direction"] });
        // Parents' elections (issue 17): a closed and published election of the demo lycée, whatever today's date (the
        // demo's own is upcoming before October): its lists, its electors frozen (none), results readable by its families.
        Valeurs["{election}"] = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO communication.election (id, etablissement_id, titre, sieges, ouverture, cloture, creee_par, creee_le, electeurs_figes_le,
                nombre_electeurs, scellee_le, publiee_le, publiee_par)
            VALUES (@id, @etablissement, 'Élection de la matrice', 3, now() - interval '10 days', now() - interval '9 days', @direction,
                    now() - interval '20 days', now() - interval '10 days', 0, now() - interval '9 days', now() - interval '8 days', @direction);
            INSERT INTO communication.election_liste (id, election_id, rang, nom) VALUES (gen_random_uuid(), @id, 1, 'Liste unique');
            """, new { id = Valeurs["{election}"], etablissement = DemoEtablissementId, direction = Personnes["direction"] });

        // Consent forms (issue 17): the demo's outing of 2NDE1 by prof.01 (the matrix's pupil has no answer yet), a form
        // of prof.01's whose deadline has passed (a reminder is 409 for those who may send it, whoever calls first), and a
        // document of the demo's outing.
        Valeurs["{consentement}"] = Ent.Kernel.Demo.DemoIds.Of("consentement", "orsay-2nde1");
        Valeurs["{consentement-clos}"] = Guid.NewGuid();
        Valeurs["{piece-consentement}"] = Guid.NewGuid();
        var nomPieceConsentement = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, nomPieceConsentement), "%PDF-1.4\n%%EOF\n"u8.ToArray());
        await conn.ExecuteAsync("""
            INSERT INTO communication.consentement (id, etablissement_id, organisateur_id, titre, description, lieu, debut, fin, cout_centimes, date_limite,
                                                    divisions, divisions_libelle, cree_le)
            VALUES (@clos, @etablissement, @prof, 'Sortie close', 'Matrice.', 'Lycée', now() + interval '1 day', now() + interval '2 days', 0,
                    now() - interval '1 day', ARRAY[@classe], '2NDE1', now() - interval '2 days');
            INSERT INTO communication.consentement_piece_jointe (id, consentement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_le)
            VALUES (@piece, @consentement, @nom, 'programme.pdf', 'application/pdf', 15, @sha, now());
            """, new
        {
            clos = Valeurs["{consentement-clos}"], etablissement = DemoEtablissementId, prof = Personnes["enseignant de la classe"], classe = Valeurs["{classe}"],
            piece = Valeurs["{piece-consentement}"], consentement = Valeurs["{consentement}"], nom = nomPieceConsentement, sha = new string('0', 64),
        });

        foreach (var (qui, id) in Personnes)
        {
            Identifiants[qui] = await conn.ExecuteScalarAsync<string>("SELECT identifiant FROM identite.compte WHERE personne_id = @id", new { id })
                                ?? throw new InvalidOperationException($"{qui} has no account");
        }

        // issue 18: a ready RGPD export of the pupil's, asked by their guardian (its zip is a stand-in: the matrix reads who
        // may download it, ExportRgpdTests what it holds).
        Valeurs["{export-rgpd}"] = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, etat, demande_le, termine_le, expire_le, contenu, taille)
            VALUES (@id, @responsable, @eleve, 'pret', now() - interval '1 hour', now() - interval '1 hour', now() + interval '7 days', '\x504b0506'::bytea, 4)
            """, new { id = Valeurs["{export-rgpd}"], responsable = Personnes["responsable légal"], eleve = Personnes["élève"] });

        // A justification of the pupil's by their guardian, with a document: rows and file as the upload leaves them, made
        // here directly so that the access log stays empty for the tests that count its rows.
        Valeurs["{justificatif}"] = Guid.NewGuid();
        var nomStockage = Guid.NewGuid().ToString("N");
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, nomStockage), pdf);
        await conn.ExecuteAsync("""
            INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, saisie_par, saisie_le, statut)
            VALUES (@absence, @etablissement, @eleve, 'absence', now() - interval '1 day', now() - interval '23 hours',
                    current_date - 1, 'matin', @cpe, now(), 'justificatif_depose');
            INSERT INTO viescolaire.document (id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@document, @nomStockage, 'certificat.pdf', 'application/pdf', @taille, @sha256, @responsable, now());
            INSERT INTO viescolaire.justificatif (id, etablissement_id, eleve_id, motif_code, document_id, depose_par, depose_le)
            VALUES (@justificatif, @etablissement, @eleve, 'maladie', @document, @responsable, now());
            INSERT INTO viescolaire.justificatif_absence (justificatif_id, absence_id) VALUES (@justificatif, @absence);
            """, new
        {
            absence = Guid.NewGuid(),
            document = Guid.NewGuid(),
            justificatif = Valeurs["{justificatif}"],
            nomStockage,
            taille = pdf.Length,
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
            etablissement = DemoEtablissementId,
            eleve = Personnes["élève"],
            responsable = Personnes["responsable légal"],
            cpe = Personnes["cpe"],
        });

        // A file of the demo's announcement to the families of 2NDE1 (issue #16), as the upload leaves it.
        Valeurs["{pieceAnnonce}"] = Guid.NewGuid();
        var nomPieceAnnonce = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, nomPieceAnnonce), pdf);
        await conn.ExecuteAsync("""
            INSERT INTO communication.annonce_piece_jointe (id, annonce_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_le)
            VALUES (@id, @annonce, @nomPiece, 'programme.pdf', 'application/pdf', @taille, @sha256, now())
            """, new
        {
            id = Valeurs["{pieceAnnonce}"],
            annonce = Valeurs["{annonce}"],
            nomPiece = nomPieceAnnonce,
            taille = pdf.Length,
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
        });

        // issue 17 (signalements): a harassment report the matrix's pupil filed with the demo's form (direction and CPE
        // only), with a file, as the filing leaves them.
        Valeurs["{formulaire-harcelement}"] = Ent.Kernel.Demo.DemoIds.Of("formulaire-signalement", "harcelement");
        Valeurs["{signalement}"] = Guid.NewGuid();
        Valeurs["{piece-signalement}"] = Guid.NewGuid();
        var nomPieceSignalement = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, nomPieceSignalement), pdf);
        await conn.ExecuteAsync("""
            INSERT INTO communication.dossier_signalement
                (id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires, confidentiel, reponses, etat, depose_le, modifie_le)
            VALUES (@id, @formulaire, @etablissement, @eleve, @eleve, 'eleve', 'Signaler un harcèlement', ARRAY['direction', 'cpe'], true,
                    '[{"champ":"c1","libelle":"Que s''est-il passé ?","type":"texte","valeur":"Des insultes."}]', 'recu', now(), now());
            INSERT INTO communication.signalement_piece_jointe (id, dossier_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@piece, @id, @nomPiece, 'capture.pdf', 'application/pdf', @taille, @sha256, @eleve, now());
            """, new
        {
            id = Valeurs["{signalement}"],
            formulaire = Valeurs["{formulaire-harcelement}"],
            etablissement = DemoEtablissementId,
            eleve = Personnes["élève"],
            piece = Valeurs["{piece-signalement}"],
            nomPiece = nomPieceSignalement,
            taille = pdf.Length,
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
        });

        // issue 18 (espace de classe): in 2NDE1's space, a folder holding a file (removing the folder is 409), a file the
        // matrix removes, and an open dépôt where the matrix's pupil handed in their work — rows and files as the uploads leave them.
        Valeurs["{dossier-espace}"] = Guid.NewGuid();
        Valeurs["{fichier-espace}"] = Guid.NewGuid();
        Valeurs["{fichier-espace-suppr}"] = Guid.NewGuid();
        Valeurs["{depot}"] = Guid.NewGuid();
        var stockes = new Dictionary<string, string>();
        foreach (var cle in new[] { "fichier", "suppr", "rendu" })
        {
            stockes[cle] = Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(Path.Combine(DossierDocuments, stockes[cle]), pdf);
        }

        await conn.ExecuteAsync("""
            INSERT INTO ressources.espace_dossier (id, etablissement_id, division_id, parent_id, nom, cree_par, cree_le)
            VALUES (@dossier, @etablissement, @classe, NULL, 'Cours', @prof, now());
            INSERT INTO ressources.espace_fichier (id, etablissement_id, division_id, dossier_id, cree_par, cree_le)
            VALUES (@fichier, @etablissement, @classe, @dossier, @prof, now()), (@suppr, @etablissement, @classe, NULL, @prof, now());
            INSERT INTO ressources.espace_fichier_version (fichier_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@fichier, 1, @nomFichier, 'cours.pdf', 'application/pdf', @taille, @sha256, @prof, now()),
                   (@suppr, 1, @nomSuppr, 'ancien.pdf', 'application/pdf', @taille, @sha256, @prof, now());
            INSERT INTO ressources.espace_depot (id, etablissement_id, division_id, titre, consignes, date_limite, cree_par, cree_le)
            VALUES (@depot, @etablissement, @classe, 'Dépôt de la matrice', NULL, now() + interval '30 days', @prof, now());
            INSERT INTO ressources.espace_rendu (depot_id, eleve_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
            VALUES (@depot, @eleve, 1, @nomRendu, 'devoir.pdf', 'application/pdf', @taille, @sha256, @eleve, now());
            INSERT INTO ressources.espace_quota (etablissement_id, octets_utilises) VALUES (@etablissement, 3 * @taille);
            """, new
        {
            dossier = Valeurs["{dossier-espace}"], fichier = Valeurs["{fichier-espace}"], suppr = Valeurs["{fichier-espace-suppr}"], depot = Valeurs["{depot}"],
            etablissement = DemoEtablissementId, classe = Valeurs["{classe}"], prof = Personnes["enseignant de la classe"], eleve = Personnes["élève"],
            nomFichier = stockes["fichier"], nomSuppr = stockes["suppr"], nomRendu = stockes["rendu"], taille = (long)pdf.Length,
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
        });

        // The matrix's pupil is 16 whatever the day (the demo's birth dates make some pupils 14 in the autumn): they read
        // their own health record (issue 18: from 15 years old).
        await conn.ExecuteAsync("UPDATE identite.personne SET date_naissance = (current_date - interval '16 years')::date WHERE id = @id",
            new { id = Personnes["élève"] });

        // School health (issue 18): the matrix's pupil has a PAI with its signed document, encrypted with the host's health
        // key as the nurse's requests would (written here so that the pupil's access log stays the tests' own).
        var cleSante = Services.GetRequiredService<Ent.VieScolaire.Sante.CleSante>();
        var eleveMatrice = Personnes["élève"];
        var pdfPai = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        await conn.ExecuteAsync("""
            INSERT INTO viescolaire.pai (eleve_id, etablissement_id, donnees, empreinte_cle, modifie_par, modifie_le)
            VALUES (@eleve, @etablissement, @donnees, @empreinte, @infirmier, now());
            INSERT INTO viescolaire.pai_document (eleve_id, contenu, empreinte_cle, type_contenu, taille, depose_par, depose_le)
            VALUES (@eleve, @document, @empreinte, 'application/pdf', @taille, @infirmier, now());
            """, new
        {
            eleve = eleveMatrice,
            etablissement = DemoEtablissementId,
            donnees = cleSante.Chiffrer(new Ent.VieScolaire.Sante.ContenuPai("Arachide", null, null, "Stylo d'adrénaline dans la cuisse, appeler le 15."), eleveMatrice),
            document = cleSante.ChiffrerOctets(pdfPai, eleveMatrice),
            empreinte = cleSante.Empreinte,
            taille = pdfPai.Length,
            infirmier = Personnes["infirmier"],
        });
    }

    /// <summary>Ids that the matrix's routes name, by placeholder (<c>{eleve}</c>, <c>{service}</c>…).</summary>
    public Dictionary<string, Guid> Valeurs { get; } = new(StringComparer.Ordinal);

    /// <summary>Each person's login.</summary>
    public Dictionary<string, string> Identifiants { get; } = new(StringComparer.Ordinal);

    /// <summary>A client whose requests carry the given person's access token (none: anonymous).</summary>
    public HttpClient ClientDe(string? qui) => qui is null ? CreateClient() : this.ClientConnecte(Identifiants[qui]);
}
