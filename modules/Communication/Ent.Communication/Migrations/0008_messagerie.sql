-- Messaging (issue 16): conversations between people of an établissement, under rules that are data (who may write to
-- whom, per établissement), switches (a profile's sending suspended by the head or by the region), reports and blocks.
-- People and établissements live in Identité: ids only, no foreign key across schemas.

-- A conversation belongs to one établissement: its rules, its switches and its head's reports apply.
CREATE TABLE conversation (
    id                  uuid PRIMARY KEY,
    etablissement_id    uuid NOT NULL,
    sujet               text NOT NULL CHECK (length(sujet) BETWEEN 1 AND 200),
    cree_par            uuid NOT NULL,
    cree_le             timestamptz NOT NULL,
    dernier_message_le  timestamptz NOT NULL
);

-- Each participant's own state: read up to which message (read state per recipient), archived or not.
CREATE TABLE participant (
    conversation_id  uuid NOT NULL REFERENCES conversation (id),
    personne_id      uuid NOT NULL,
    lu_jusqua        timestamptz,
    archivee         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, personne_id)
);
-- A person's inbox starts here.
CREATE INDEX participant_personne_ix ON participant (personne_id, conversation_id);

-- Plain text only: the application shows it as text (links made clickable), never as HTML.
-- envoi_id groups the messages of one sending (a message to a class's families is one conversation per family): the
-- hourly rate counts sendings, not recipients.
CREATE TABLE message (
    id               uuid PRIMARY KEY,
    conversation_id  uuid NOT NULL REFERENCES conversation (id),
    auteur_id        uuid NOT NULL,
    texte            text NOT NULL CHECK (length(texte) BETWEEN 1 AND 5000),
    envoye_le        timestamptz NOT NULL,
    envoi_id         uuid NOT NULL
);
CREATE INDEX message_conversation_ix ON message (conversation_id, envoye_le);
CREATE INDEX message_auteur_ix ON message (auteur_id, envoye_le DESC);

-- Attachments: stored like the other documents (random name, type read from the content, SHA-256). Uploaded first
-- (message_id unknown yet), then attached to the messages of a sending.
CREATE TABLE piece_jointe (
    id            uuid PRIMARY KEY,
    nom_stockage  text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[0-9a-f]{32}$'),
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu  text NOT NULL,
    taille        integer NOT NULL CHECK (taille > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    depose_par    uuid NOT NULL,
    depose_le     timestamptz NOT NULL
);
CREATE INDEX piece_jointe_depose_par_ix ON piece_jointe (depose_par, depose_le DESC);

CREATE TABLE message_piece_jointe (
    message_id       uuid NOT NULL REFERENCES message (id),
    piece_jointe_id  uuid NOT NULL REFERENCES piece_jointe (id),
    PRIMARY KEY (message_id, piece_jointe_id)
);
CREATE INDEX message_piece_jointe_piece_ix ON message_piece_jointe (piece_jointe_id);

-- Drafts: the author's only; recipients as chosen (checked again when sent).
CREATE TABLE brouillon (
    id              uuid PRIMARY KEY,
    auteur_id       uuid NOT NULL,
    conversation_id uuid REFERENCES conversation (id),
    destinataires   uuid[] NOT NULL DEFAULT '{}',
    groupes         text[] NOT NULL DEFAULT '{}',
    sujet           text NOT NULL DEFAULT '' CHECK (length(sujet) <= 200),
    texte           text NOT NULL DEFAULT '' CHECK (length(texte) <= 5000),
    pieces_jointes  uuid[] NOT NULL DEFAULT '{}',
    modifie_le      timestamptz NOT NULL
);
CREATE INDEX brouillon_auteur_ix ON brouillon (auteur_id, modifie_le DESC);

-- Who may write to whom: one row per (sender's profile, recipient's profile) once the établissement's administrators
-- saved their rules; no row at all: the defaults (ReglesMessagerie.ParDefaut). Profiles as messaging tells them apart:
-- the personnel's functions CPE and direction apart from the other staff.
CREATE TABLE regle_messagerie (
    etablissement_id  uuid NOT NULL,
    expediteur        text NOT NULL CHECK (expediteur IN ('eleve', 'responsable', 'enseignant', 'cpe', 'direction', 'personnel')),
    destinataire      text NOT NULL CHECK (destinataire IN ('eleve', 'responsable', 'enseignant', 'cpe', 'direction', 'personnel')),
    portee            text NOT NULL CHECK (portee IN ('aucune', 'liens', 'etablissement')),
    modifie_par       uuid NOT NULL,
    modifie_le        timestamptz NOT NULL,
    PRIMARY KEY (etablissement_id, expediteur, destinataire)
);

-- Switches: a profile's sending suspended in one établissement (its head) or in all (etablissement_id NULL: the
-- region). Lifted, the row stays for history (leve_le). Reading what was received stays possible.
CREATE TABLE suspension_messagerie (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid,
    profil            text NOT NULL CHECK (profil IN ('eleve', 'responsable', 'enseignant', 'cpe', 'direction', 'personnel')),
    motif             text NOT NULL CHECK (length(motif) BETWEEN 1 AND 500),
    suspendu_par      uuid NOT NULL,
    suspendu_le       timestamptz NOT NULL,
    leve_par          uuid,
    leve_le           timestamptz
);
CREATE UNIQUE INDEX suspension_messagerie_active_uk
    ON suspension_messagerie (coalesce(etablissement_id, '00000000-0000-0000-0000-000000000000'::uuid), profil) WHERE leve_le IS NULL;

-- A sender the head blocked in an établissement (after a report, typically).
CREATE TABLE blocage_messagerie (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    personne_id       uuid NOT NULL,
    motif             text NOT NULL CHECK (length(motif) BETWEEN 1 AND 500),
    bloque_par        uuid NOT NULL,
    bloque_le         timestamptz NOT NULL,
    leve_par          uuid,
    leve_le           timestamptz
);
CREATE UNIQUE INDEX blocage_messagerie_actif_uk ON blocage_messagerie (etablissement_id, personne_id) WHERE leve_le IS NULL;

-- A recipient's report of a message: reaches the établissement's head with the message, its sender and time.
CREATE TABLE signalement (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    message_id        uuid NOT NULL REFERENCES message (id),
    signale_par       uuid NOT NULL,
    motif             text NOT NULL CHECK (length(motif) BETWEEN 1 AND 500),
    signale_le        timestamptz NOT NULL,
    traite_par        uuid,
    traite_le         timestamptz,
    UNIQUE (message_id, signale_par)
);
CREATE INDEX signalement_etablissement_ix ON signalement (etablissement_id, signale_le DESC);
