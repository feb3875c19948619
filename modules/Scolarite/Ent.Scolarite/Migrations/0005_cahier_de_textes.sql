-- The cahier de textes: what was done in a lesson (seance), its files and links, and the homework given (devoir), with
-- the pupils' « fait » and the guardians' « vu » ticks. A lesson is identified as the timetable and the roll call do:
-- its service and its start instant. Rich text is stored sanitised (CahierDeTextes/TexteRiche.cs): never as typed.

-- A lesson's content. publie_le: null while a draft; families see it from that instant (a future one: scheduled).
CREATE TABLE seance (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL REFERENCES service_enseignement (id),
    debut             timestamptz NOT NULL,
    fin               timestamptz NOT NULL CHECK (fin > debut),
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    contenu_html      text NOT NULL CHECK (length(contenu_html) <= 100000),
    publie_le         timestamptz,
    auteur_id         uuid NOT NULL,
    modifie_le        timestamptz NOT NULL,
    UNIQUE (service_id, debut)
);

-- A file attached to a lesson, stored on disk under a random name (Ent.Kernel.Documents.StockageDocuments).
CREATE TABLE seance_piece_jointe (
    id             uuid PRIMARY KEY,
    seance_id      uuid NOT NULL REFERENCES seance (id) ON DELETE CASCADE,
    nom_stockage   text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[a-z0-9]{32}$'),
    nom_original   text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu   text NOT NULL,
    taille         integer NOT NULL CHECK (taille BETWEEN 1 AND 10485760),
    sha256         text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
    depose_par     uuid NOT NULL,
    depose_le      timestamptz NOT NULL
);
CREATE INDEX seance_piece_jointe_seance_ix ON seance_piece_jointe (seance_id);

-- A link given with a lesson: http or https only (checked by the endpoint, and here).
CREATE TABLE seance_lien (
    id         uuid PRIMARY KEY,
    seance_id  uuid NOT NULL REFERENCES seance (id) ON DELETE CASCADE,
    ordre      integer NOT NULL,
    url        text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    libelle    text NOT NULL CHECK (length(libelle) BETWEEN 1 AND 200)
);
CREATE INDEX seance_lien_seance_ix ON seance_lien (seance_id);

-- Homework for a day (pour_le, Paris date). consigne: sanitised rich text. publie_le as for a lesson (the lesson's).
-- The iCal feeds and the bench read pour_le, service_id, consigne and publie_le: keep their names.
CREATE TABLE devoir (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL REFERENCES service_enseignement (id),
    seance_id         uuid REFERENCES seance (id) ON DELETE CASCADE,
    pour_le           date NOT NULL,
    consigne          text NOT NULL CHECK (length(consigne) BETWEEN 1 AND 20000),
    duree_minutes     integer NOT NULL CHECK (duree_minutes BETWEEN 0 AND 600),
    a_rendre          boolean NOT NULL DEFAULT false,
    evaluation        boolean NOT NULL DEFAULT false,
    publie_le         timestamptz,
    ordre             integer NOT NULL DEFAULT 0
);
CREATE INDEX devoir_service_ix ON devoir (service_id, pour_le);
CREATE INDEX devoir_seance_ix ON devoir (seance_id);

-- A pupil's « fait » tick.
CREATE TABLE devoir_fait (
    devoir_id  uuid NOT NULL REFERENCES devoir (id) ON DELETE CASCADE,
    eleve_id   uuid NOT NULL,
    fait_le    timestamptz NOT NULL,
    PRIMARY KEY (devoir_id, eleve_id)
);
CREATE INDEX devoir_fait_eleve_ix ON devoir_fait (eleve_id);

-- A guardian's « vu » tick, for one of their children.
CREATE TABLE devoir_vu (
    devoir_id       uuid NOT NULL REFERENCES devoir (id) ON DELETE CASCADE,
    eleve_id        uuid NOT NULL,
    responsable_id  uuid NOT NULL,
    vu_le           timestamptz NOT NULL,
    PRIMARY KEY (devoir_id, eleve_id, responsable_id)
);
CREATE INDEX devoir_vu_eleve_ix ON devoir_vu (eleve_id);
