-- The class workspace (« espace de classe »), issue 18: per class or group of the school year, the documents its
-- teachers put there (folders, files with their versions), which its pupils and their legal guardians read; the work a
-- teacher collects (a « dépôt » with a deadline) and what each pupil handed in (« rendus », every version kept).
-- division_id is Scolarité's class or group id (no foreign key across schemas); etablissement_id is its établissement's,
-- kept here for the quota and the purge by établissement.

-- A folder of a division's space; parent_id null: at the space's root. Names are unique per folder, case aside.
CREATE TABLE espace_dossier (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    division_id       uuid NOT NULL,
    parent_id         uuid REFERENCES espace_dossier (id),
    nom               text NOT NULL CHECK (length(nom) BETWEEN 1 AND 200),
    cree_par          uuid NOT NULL,
    cree_le           timestamptz NOT NULL
);
CREATE UNIQUE INDEX espace_dossier_nom_ux ON espace_dossier (division_id, parent_id, lower(nom)) NULLS NOT DISTINCT;
CREATE INDEX espace_dossier_parent_ix ON espace_dossier (parent_id);

-- A file of a division's space (dossier_id null: at the root). Its content is its versions'; the latest is shown.
CREATE TABLE espace_fichier (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    division_id       uuid NOT NULL,
    dossier_id        uuid REFERENCES espace_dossier (id),
    cree_par          uuid NOT NULL,
    cree_le           timestamptz NOT NULL
);
CREATE INDEX espace_fichier_division_ix ON espace_fichier (division_id, dossier_id);

-- Each version of a file: replacing a file adds one (numero + 1) and keeps the others, which the teachers may download.
CREATE TABLE espace_fichier_version (
    fichier_id    uuid NOT NULL REFERENCES espace_fichier (id) ON DELETE CASCADE,
    numero        integer NOT NULL CHECK (numero >= 1),
    nom_stockage  text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[a-z0-9]{32}$'),
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu  text NOT NULL CHECK (length(type_contenu) BETWEEN 1 AND 100),
    taille        bigint NOT NULL CHECK (taille BETWEEN 1 AND 20971520),
    sha256        text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
    depose_par    uuid NOT NULL,
    depose_le     timestamptz NOT NULL,
    PRIMARY KEY (fichier_id, numero)
);

-- Work a teacher of the division collects: a title, instructions, a deadline (after it, nothing is handed in).
CREATE TABLE espace_depot (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    division_id       uuid NOT NULL,
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    consignes         text CHECK (length(consignes) <= 4000),
    date_limite       timestamptz NOT NULL,
    cree_par          uuid NOT NULL,
    cree_le           timestamptz NOT NULL
);
CREATE INDEX espace_depot_division_ix ON espace_depot (division_id, date_limite);

-- What a pupil handed in for a dépôt: handing in again before the deadline adds a version (numero + 1), the earlier
-- ones kept. Seen by the pupil, their legal guardians and the division's teachers only.
CREATE TABLE espace_rendu (
    depot_id      uuid NOT NULL REFERENCES espace_depot (id),
    eleve_id      uuid NOT NULL,
    numero        integer NOT NULL CHECK (numero >= 1),
    nom_stockage  text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[a-z0-9]{32}$'),
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu  text NOT NULL CHECK (length(type_contenu) BETWEEN 1 AND 100),
    taille        bigint NOT NULL CHECK (taille BETWEEN 1 AND 20971520),
    sha256        text NOT NULL CHECK (sha256 ~ '^[a-f0-9]{64}$'),
    depose_par    uuid NOT NULL,
    depose_le     timestamptz NOT NULL,
    PRIMARY KEY (depot_id, eleve_id, numero)
);
CREATE INDEX espace_rendu_eleve_ix ON espace_rendu (eleve_id);

-- The bytes an établissement's spaces hold (files' versions and rendus): an upload locks its row and is refused beyond
-- the quota (Ent:Ressources:QuotaEspacesOctets).
CREATE TABLE espace_quota (
    etablissement_id  uuid PRIMARY KEY,
    octets_utilises   bigint NOT NULL CHECK (octets_utilises >= 0)
);
