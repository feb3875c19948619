-- Teaching teams: groups (pupils of several classes taught together), the teaching services (a teacher teaches a
-- subject to a class or to a group) and the head teacher of each class. Identité's access rules ask "does this person
-- teach this pupil this school year?", which these tables answer; the next issue (timetable, grades) extends them.
-- Persons and établissements live in Identité: ids only, no foreign key across schemas.

CREATE TABLE groupe (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    annee_scolaire    text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    code              text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    libelle           text NOT NULL CHECK (length(libelle) BETWEEN 1 AND 200),
    UNIQUE (etablissement_id, annee_scolaire, code)
);

CREATE TABLE inscription_groupe (
    groupe_id  uuid NOT NULL REFERENCES groupe (id),
    eleve_id   uuid NOT NULL,
    PRIMARY KEY (groupe_id, eleve_id)
);
CREATE INDEX inscription_groupe_eleve_ix ON inscription_groupe (eleve_id);

-- A teacher teaches a subject to exactly one class or one group; the coefficient weighs the subject in averages.
CREATE TABLE service_enseignement (
    id               uuid PRIMARY KEY,
    enseignant_id    uuid NOT NULL,
    matiere_code     text NOT NULL CHECK (matiere_code ~ '^[A-Z0-9_]{1,20}$'),
    matiere_libelle  text NOT NULL CHECK (length(matiere_libelle) BETWEEN 1 AND 200),
    classe_id        uuid REFERENCES classe (id),
    groupe_id        uuid REFERENCES groupe (id),
    coefficient      numeric(4, 2) NOT NULL DEFAULT 1 CHECK (coefficient > 0),
    CHECK ((classe_id IS NULL) <> (groupe_id IS NULL))
);
-- The access rules start from the teacher's few services, then look the pupil up in each class or group.
CREATE INDEX service_enseignement_enseignant_ix ON service_enseignement (enseignant_id);
-- A class's or a group's team (the next issue's timetable and report cards start from there); also one service per
-- subject and teacher in a class or group. Partial unique indexes rather than NULLS NOT DISTINCT: PostgreSQL 14 is supported.
CREATE UNIQUE INDEX service_enseignement_classe_uk ON service_enseignement (classe_id, matiere_code, enseignant_id) WHERE classe_id IS NOT NULL;
CREATE UNIQUE INDEX service_enseignement_groupe_uk ON service_enseignement (groupe_id, matiere_code, enseignant_id) WHERE groupe_id IS NOT NULL;

-- Head teacher (professeur principal); a class may have two.
CREATE TABLE professeur_principal (
    classe_id      uuid NOT NULL REFERENCES classe (id),
    enseignant_id  uuid NOT NULL,
    PRIMARY KEY (classe_id, enseignant_id)
);
CREATE INDEX professeur_principal_enseignant_ix ON professeur_principal (enseignant_id);
