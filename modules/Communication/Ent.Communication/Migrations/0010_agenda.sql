-- The school calendar (issue 16): events of an établissement (class councils, parents' meetings, outings, exams,
-- holidays) with their audience. Dates and times are Paris's, as the school announces them: an all-day event has no
-- times; a timed one starts at heure_debut on jour_debut and ends at heure_fin on jour_fin.
-- The audience: divisions (classes or groups of Scolarité, ids only) — empty for the whole établissement — and the
-- profiles invited among eleves, familles, personnels. Persons and établissements live in Identité: ids only.
CREATE TABLE evenement (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    categorie         text NOT NULL CHECK (categorie IN ('conseil_classe', 'reunion_parents', 'sortie', 'examen', 'vacances', 'autre')),
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    description       text CHECK (length(description) <= 5000),
    lieu              text CHECK (length(lieu) <= 200),
    jour_debut        date NOT NULL,
    jour_fin          date NOT NULL,
    heure_debut       time,
    heure_fin         time,
    divisions         uuid[] NOT NULL DEFAULT '{}',
    profils           text[] NOT NULL CHECK (cardinality(profils) > 0 AND profils <@ ARRAY['eleves', 'familles', 'personnels']),
    auteur_id         uuid NOT NULL,
    cree_le           timestamptz NOT NULL,
    modifie_le        timestamptz NOT NULL,
    -- Raised at each change: calendar apps replace an event only when its SEQUENCE grows.
    sequence          integer NOT NULL DEFAULT 0,
    -- Demo events are found again by a stable key, so that a restart adds none twice.
    cle_demo          text UNIQUE,
    CHECK (jour_fin >= jour_debut),
    CHECK ((heure_debut IS NULL) = (heure_fin IS NULL)),
    CHECK (heure_debut IS NULL OR jour_fin > jour_debut OR heure_fin > heure_debut)
);
-- Every read asks for an établissement's events over some days.
CREATE INDEX evenement_etablissement_ix ON evenement (etablissement_id, jour_debut, jour_fin);

-- An event's files (a permission slip for an outing, an exam timetable): stored like the other documents (random name,
-- type read from the content, SHA-256) in Communication's own folder (Ent:Communication:Documents:Dossier).
CREATE TABLE evenement_piece_jointe (
    id            uuid PRIMARY KEY,
    evenement_id  uuid NOT NULL REFERENCES evenement (id) ON DELETE CASCADE,
    nom_stockage  text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[0-9a-f]{32}$'),
    nom_original  text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 255),
    type_contenu  text NOT NULL,
    taille        integer NOT NULL CHECK (taille > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    depose_par    uuid NOT NULL,
    depose_le     timestamptz NOT NULL
);
CREATE INDEX evenement_piece_jointe_evenement_ix ON evenement_piece_jointe (evenement_id);
