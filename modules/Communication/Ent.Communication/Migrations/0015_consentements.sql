-- Consent forms for outings and projects (issue 17, « autorisations »): a teacher of a class or group, or the
-- établissement's direction, asks the families of some classes and groups for their consent (what, when, where, cost,
-- documents) before a deadline; each legal guardian answers yes or no and signs in the app, as for the exit requests
-- (who, their name as it stood, when, from which address, the statement certified word for word). The families are
-- expanded once, at creation, like an announcement's: who was asked then is who must answer. Persons, classes and
-- groups live in Identité and Scolarité: ids only, no foreign key across schemas.
CREATE TABLE consentement (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    organisateur_id   uuid NOT NULL,
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
    lieu              text NOT NULL CHECK (length(lieu) BETWEEN 1 AND 200),
    debut             timestamptz NOT NULL,
    fin               timestamptz NOT NULL,
    -- What the family pays, in euro cents; 0 for a free outing.
    cout_centimes     integer NOT NULL CHECK (cout_centimes BETWEEN 0 AND 10000000),
    date_limite       timestamptz NOT NULL,
    -- The classes and groups asked (ids) and their names in words (« Seconde 1, Espagnol LV2 »), written at creation.
    divisions         uuid[] NOT NULL CHECK (cardinality(divisions) >= 1),
    divisions_libelle text NOT NULL,
    cree_le           timestamptz NOT NULL,
    relance_le        timestamptz,
    CHECK (fin > debut),
    CHECK (date_limite <= debut)
);
CREATE INDEX consentement_etablissement_ix ON consentement (etablissement_id, debut DESC);
CREATE INDEX consentement_organisateur_ix ON consentement (organisateur_id, debut DESC);

-- The families asked: each pupil (with their class code at creation) and each of their legal guardians.
CREATE TABLE consentement_famille (
    consentement_id  uuid NOT NULL REFERENCES consentement (id) ON DELETE CASCADE,
    eleve_id         uuid NOT NULL,
    responsable_id   uuid NOT NULL,
    classe_code      text,
    PRIMARY KEY (consentement_id, eleve_id, responsable_id)
);
CREATE INDEX consentement_famille_responsable_ix ON consentement_famille (responsable_id);

-- A guardian's signed answer for a pupil. Append-only: a guardian may change their mind until the deadline, the latest
-- answer is the one in force and the earlier ones stay as the record of what was signed. « nom_signataire » is the
-- name as it stood when they signed; « attestation » the statement shown and certified, word for word.
CREATE TABLE consentement_reponse (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consentement_id  uuid NOT NULL,
    eleve_id         uuid NOT NULL,
    responsable_id   uuid NOT NULL,
    accord           boolean NOT NULL,
    nom_signataire   text NOT NULL CHECK (length(nom_signataire) BETWEEN 1 AND 300),
    signee_le        timestamptz NOT NULL,
    adresse          inet,
    attestation      text NOT NULL CHECK (length(attestation) BETWEEN 1 AND 2000),
    FOREIGN KEY (consentement_id, eleve_id, responsable_id)
        REFERENCES consentement_famille (consentement_id, eleve_id, responsable_id) ON DELETE CASCADE
);
CREATE INDEX consentement_reponse_ix ON consentement_reponse (consentement_id, eleve_id, responsable_id, id DESC);

-- Documents of the outing (programme, list of things to bring): stored like the announcements' files (random name,
-- SHA-256, type read from the content) in Communication's documents folder; served to the families asked and to
-- those who follow the form up.
CREATE TABLE consentement_piece_jointe (
    id               uuid PRIMARY KEY,
    consentement_id  uuid NOT NULL REFERENCES consentement (id) ON DELETE CASCADE,
    nom_stockage     text NOT NULL UNIQUE,
    nom_original     text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu     text NOT NULL,
    taille           integer NOT NULL CHECK (taille > 0),
    sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    depose_le        timestamptz NOT NULL
);
CREATE INDEX consentement_piece_jointe_ix ON consentement_piece_jointe (consentement_id);
