-- Structured reports (« signalements », issue 17): forms the établissement's staff build (fields text/choice/date/file,
-- receivers by function), filed by pupils and legal guardians, handled by the receivers through states with messages
-- to the submitter. Not to be confused with messaging's `signalement` (a recipient reporting a message, 0008).
-- People and établissements live in Identité: ids only, no foreign key across schemas.

-- A form. `champs` is the list of fields as the builder made it: [{ id, libelle, type, obligatoire, choix }].
-- `destinataires` are functions of the établissement's personnel (never a teacher: teaching is a profile, not a
-- function). A confidential form (the harassment model) goes to the direction and the CPE only: the database says so too.
CREATE TABLE formulaire_signalement (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    modele            text CHECK (modele IN ('harcelement', 'locaux', 'secretariat')),
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    description       text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    champs            jsonb NOT NULL CHECK (jsonb_typeof(champs) = 'array'),
    destinataires     text[] NOT NULL CHECK (cardinality(destinataires) >= 1
                          AND destinataires <@ ARRAY['direction', 'cpe', 'secretariat', 'infirmier', 'documentaliste', 'administrateur_local']),
    confidentiel      boolean NOT NULL,
    actif             boolean NOT NULL DEFAULT true,
    cree_par          uuid NOT NULL,
    cree_le           timestamptz NOT NULL,
    cle_demo          text UNIQUE,
    CHECK (NOT confidentiel OR destinataires <@ ARRAY['direction', 'cpe']),
    CHECK (modele IS DISTINCT FROM 'harcelement' OR confidentiel)
);
CREATE INDEX formulaire_signalement_etablissement_ix ON formulaire_signalement (etablissement_id, cree_le);

-- A filed report (« dossier »). The form's title, receivers and confidentiality are copied at filing: who may read a
-- report is decided once, a later edit of the form does not widen it. `reponses` keeps each answer with its field's
-- label and type as they were: [{ champ, libelle, type, valeur }]. `eleve_id` is the pupil it concerns (the submitter
-- when a pupil files it, the child chosen by a guardian): the access log names that pupil.
CREATE TABLE dossier_signalement (
    id                uuid PRIMARY KEY,
    formulaire_id     uuid NOT NULL REFERENCES formulaire_signalement (id),
    etablissement_id  uuid NOT NULL,
    eleve_id          uuid NOT NULL,
    depose_par        uuid NOT NULL,
    profil            text NOT NULL CHECK (profil IN ('eleve', 'responsable')),
    titre             text NOT NULL,
    destinataires     text[] NOT NULL,
    confidentiel      boolean NOT NULL,
    reponses          jsonb NOT NULL CHECK (jsonb_typeof(reponses) = 'array'),
    etat              text NOT NULL DEFAULT 'recu' CHECK (etat IN ('recu', 'en_cours', 'repondu', 'clos')),
    depose_le         timestamptz NOT NULL,
    modifie_le        timestamptz NOT NULL,
    cle_demo          text UNIQUE,
    CHECK (NOT confidentiel OR destinataires <@ ARRAY['direction', 'cpe'])
);
CREATE INDEX dossier_signalement_etablissement_ix ON dossier_signalement (etablissement_id, modifie_le DESC);
CREATE INDEX dossier_signalement_depose_par_ix ON dossier_signalement (depose_par, depose_le DESC);

-- The exchange between the receivers and the submitter, and each change of state (etat set: the state it moved to).
CREATE TABLE dossier_signalement_message (
    id          uuid PRIMARY KEY,
    dossier_id  uuid NOT NULL REFERENCES dossier_signalement (id),
    auteur_id   uuid NOT NULL,
    texte       text CHECK (length(texte) BETWEEN 1 AND 5000),
    etat        text CHECK (etat IN ('recu', 'en_cours', 'repondu', 'clos')),
    envoye_le   timestamptz NOT NULL,
    CHECK (texte IS NOT NULL OR etat IS NOT NULL)
);
CREATE INDEX dossier_signalement_message_dossier_ix ON dossier_signalement_message (dossier_id, envoye_le);

-- Files of the « fichier » fields: uploaded by the submitter first (dossier_id unknown yet), then attached at filing.
-- Stored like Communication's other documents (random name, type read from the content, SHA-256).
CREATE TABLE signalement_piece_jointe (
    id            uuid PRIMARY KEY,
    dossier_id    uuid REFERENCES dossier_signalement (id),
    nom_stockage  text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[0-9a-f]{32}$'),
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu  text NOT NULL,
    taille        integer NOT NULL CHECK (taille > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    depose_par    uuid NOT NULL,
    depose_le     timestamptz NOT NULL
);
CREATE INDEX signalement_piece_jointe_dossier_ix ON signalement_piece_jointe (dossier_id);
