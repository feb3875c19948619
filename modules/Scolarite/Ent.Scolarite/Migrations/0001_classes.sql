-- Classes of an établissement for a school year, and the pupils enrolled in them. Persons and établissements live in
-- Identité: they are referred to by id only, never by a foreign key across schemas.

CREATE TABLE classe (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    annee_scolaire    text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    code              text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    libelle           text NOT NULL,
    niveau            text NOT NULL CHECK (niveau IN ('seconde', 'premiere', 'terminale')),
    UNIQUE (etablissement_id, annee_scolaire, code)
);

CREATE TABLE inscription_classe (
    classe_id  uuid NOT NULL REFERENCES classe (id),
    eleve_id   uuid NOT NULL,
    PRIMARY KEY (classe_id, eleve_id)
);
CREATE INDEX inscription_classe_eleve_ix ON inscription_classe (eleve_id);
