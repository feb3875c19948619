-- Official announcements (issue #16): the direction, CPE and teachers publish to an audience (the établissement, some
-- classes or groups; families, pupils, staff) within a publication window, optionally asking each family to confirm
-- they read it. The audience is expanded once, at publication: who was targeted then is who must read it, whatever the
-- class changes after. Persons, classes and groups live in Identité and Scolarité: ids only, no foreign key across schemas.
CREATE TABLE annonce (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    auteur_id         uuid NOT NULL,
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    texte             text NOT NULL CHECK (length(texte) BETWEEN 1 AND 10000),
    -- What the sender chose, as the form shows it again: {"etablissement":bool,"classes":[…],"groupes":[…],"profils":[…]}.
    audience          jsonb NOT NULL,
    -- The audience in words (« Familles — Seconde 1, Seconde 2 »), written at publication.
    audience_libelle  text NOT NULL,
    accuse_lecture    boolean NOT NULL,
    visible_du        timestamptz NOT NULL,
    visible_au        timestamptz,
    publiee_le        timestamptz NOT NULL,
    relancee_le       timestamptz,
    CHECK (visible_au IS NULL OR visible_au > visible_du)
);
CREATE INDEX annonce_etablissement_ix ON annonce (etablissement_id, publiee_le DESC);
CREATE INDEX annonce_auteur_ix ON annonce (auteur_id, publiee_le DESC);

-- One row per person the announcement addresses: what each one sees in their list, read or not, confirmed or not.
-- « profil » is the capacity they are addressed in (a teacher who is also a parent is addressed as a family if the
-- families are targeted: responsable wins, since only families confirm).
CREATE TABLE annonce_destinataire (
    annonce_id    uuid NOT NULL REFERENCES annonce (id) ON DELETE CASCADE,
    personne_id   uuid NOT NULL,
    profil        text NOT NULL CHECK (profil IN ('responsable', 'eleve', 'personnel')),
    lue_le        timestamptz,
    confirmee_le  timestamptz,
    PRIMARY KEY (annonce_id, personne_id)
);
-- A person's list: their announcements, newest first, is read through this index then the announcement's row.
CREATE INDEX annonce_destinataire_personne_ix ON annonce_destinataire (personne_id);

-- The families an announcement addresses, for the acknowledgement follow-up: each pupil (with their class at
-- publication) and each of their legal guardians. A family has confirmed when one of its guardians has.
CREATE TABLE annonce_famille (
    annonce_id      uuid NOT NULL REFERENCES annonce (id) ON DELETE CASCADE,
    eleve_id        uuid NOT NULL,
    responsable_id  uuid NOT NULL,
    classe_code     text,
    PRIMARY KEY (annonce_id, eleve_id, responsable_id)
);

-- Files attached to an announcement (a form to sign, a programme): stored like the other documents (random name,
-- SHA-256, type read from the content) in Communication's documents folder; served only to who may read it.
CREATE TABLE annonce_piece_jointe (
    id            uuid PRIMARY KEY,
    annonce_id    uuid NOT NULL REFERENCES annonce (id) ON DELETE CASCADE,
    nom_stockage  text NOT NULL UNIQUE,
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu  text NOT NULL,
    taille        integer NOT NULL CHECK (taille > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    depose_le     timestamptz NOT NULL
);
CREATE INDEX annonce_piece_jointe_annonce_ix ON annonce_piece_jointe (annonce_id);
