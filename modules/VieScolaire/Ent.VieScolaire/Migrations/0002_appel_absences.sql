-- Attendance: the weekly timetable's slots (until a timetable module exists, the roll call needs to know which lessons
-- a teacher has today), roll calls and their history, absences and lateness with their status, and the families'
-- justifications with the documents they attach. Persons, établissements and teaching services live in other modules:
-- ids only, no foreign key across schemas.

-- A weekly slot: a teaching service (teacher, subject, class or group) on a weekday, from debut to fin (Paris time).
CREATE TABLE creneau (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL,
    jour              smallint NOT NULL CHECK (jour BETWEEN 1 AND 7),  -- ISO: 1 = lundi
    debut             time NOT NULL,
    fin               time NOT NULL CHECK (fin > debut),
    salle             text CHECK (length(salle) <= 40),
    UNIQUE (service_id, jour, debut)
);
CREATE INDEX creneau_etablissement_ix ON creneau (etablissement_id, jour, debut);

-- A lesson's roll call: one per teaching service and start time. Taken by the teacher (corrections the same day), or
-- by the vie scolaire desk (any day).
CREATE TABLE appel (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL,
    debut             timestamptz NOT NULL,
    fin               timestamptz NOT NULL CHECK (fin > debut),
    cours             text NOT NULL CHECK (length(cours) BETWEEN 1 AND 300),  -- « Mathématiques — 2NDE1 », as families read it
    fait_par          uuid NOT NULL,
    fait_le           timestamptz NOT NULL,
    modifie_le        timestamptz NOT NULL,
    UNIQUE (service_id, debut)
);
CREATE INDEX appel_etablissement_ix ON appel (etablissement_id, debut);

-- Each pupil's state in a roll call.
CREATE TABLE appel_eleve (
    appel_id        uuid NOT NULL REFERENCES appel (id),
    eleve_id        uuid NOT NULL,
    etat            text NOT NULL CHECK (etat IN ('present', 'absent', 'retard', 'exclu')),
    minutes_retard  integer CHECK (minutes_retard BETWEEN 1 AND 240),
    PRIMARY KEY (appel_id, eleve_id),
    CHECK ((etat = 'retard') = (minutes_retard IS NOT NULL))
);

-- Every change of a pupil's state in a roll call, oldest first: the first taking and each correction.
CREATE TABLE appel_historique (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appel_id        uuid NOT NULL REFERENCES appel (id),
    eleve_id        uuid NOT NULL,
    etat_avant      text,
    etat            text NOT NULL,
    minutes_retard  integer,
    par             uuid NOT NULL,
    le              timestamptz NOT NULL
);
CREATE INDEX appel_historique_appel_ix ON appel_historique (appel_id);

-- An absence or a lateness of a pupil. From a roll call (appel_id) or recorded by the vie scolaire desk (appel_id null,
-- e.g. a parent's phone call). A roll call corrected to "present" cancels its absence (annulee_le), which stays for history.
-- demi_journee: the half-day it falls in ('matin' before 12:00 Paris time, else 'apres_midi'), as schools count absences.
CREATE TABLE absence (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    eleve_id          uuid NOT NULL,
    type              text NOT NULL CHECK (type IN ('absence', 'retard')),
    debut             timestamptz NOT NULL,
    fin               timestamptz NOT NULL CHECK (fin > debut),
    jour              date NOT NULL,
    demi_journee      text NOT NULL CHECK (demi_journee IN ('matin', 'apres_midi')),
    minutes_retard    integer CHECK (minutes_retard BETWEEN 1 AND 240),
    cours             text CHECK (length(cours) <= 300),
    appel_id          uuid REFERENCES appel (id),
    statut            text NOT NULL DEFAULT 'non_justifiee'
                      CHECK (statut IN ('non_justifiee', 'justificatif_depose', 'justifiee', 'refusee')),
    motif_code        text REFERENCES motif_absence (code),
    commentaire       text CHECK (length(commentaire) <= 1000),
    saisie_par        uuid NOT NULL,
    saisie_le         timestamptz NOT NULL,
    annulee_le        timestamptz,
    CHECK ((type = 'retard') = (minutes_retard IS NOT NULL)),
    UNIQUE (appel_id, eleve_id)
);
CREATE INDEX absence_eleve_ix ON absence (eleve_id, debut DESC);
CREATE INDEX absence_etablissement_jour_ix ON absence (etablissement_id, jour) WHERE annulee_le IS NULL;
CREATE INDEX absence_a_justifier_ix ON absence (etablissement_id, jour) WHERE annulee_le IS NULL AND statut IN ('non_justifiee', 'refusee');

-- A document a family attached to a justification: stored on disk outside the web root under a random name
-- (nom_stockage), never served without an access check. Type found from the content, not from the name.
CREATE TABLE document (
    id             uuid PRIMARY KEY,
    nom_stockage   text NOT NULL UNIQUE CHECK (nom_stockage ~ '^[a-z0-9]{32}$'),
    nom_original   text NOT NULL CHECK (length(nom_original) BETWEEN 1 AND 200),
    type_contenu   text NOT NULL CHECK (type_contenu IN ('application/pdf', 'image/jpeg', 'image/png')),
    taille         integer NOT NULL CHECK (taille BETWEEN 1 AND 5242880),
    sha256         text NOT NULL,
    depose_par     uuid NOT NULL,
    depose_le      timestamptz NOT NULL
);

-- A family's justification of one or more absences of one pupil, and the vie scolaire desk's decision.
CREATE TABLE justificatif (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    eleve_id          uuid NOT NULL,
    motif_code        text NOT NULL REFERENCES motif_absence (code),
    commentaire       text CHECK (length(commentaire) <= 1000),
    document_id       uuid REFERENCES document (id),
    depose_par        uuid NOT NULL,
    depose_le         timestamptz NOT NULL,
    statut            text NOT NULL DEFAULT 'a_examiner' CHECK (statut IN ('a_examiner', 'accepte', 'refuse')),
    decide_par        uuid,
    decide_le         timestamptz,
    raison_refus      text CHECK (length(raison_refus) <= 500),
    CHECK ((statut = 'a_examiner') = (decide_le IS NULL)),
    CHECK (statut <> 'refuse' OR raison_refus IS NOT NULL)
);
CREATE INDEX justificatif_a_examiner_ix ON justificatif (etablissement_id, depose_le) WHERE statut = 'a_examiner';
CREATE INDEX justificatif_eleve_ix ON justificatif (eleve_id, depose_le DESC);

CREATE TABLE justificatif_absence (
    justificatif_id  uuid NOT NULL REFERENCES justificatif (id),
    absence_id       uuid NOT NULL REFERENCES absence (id),
    PRIMARY KEY (justificatif_id, absence_id)
);
CREATE INDEX justificatif_absence_absence_ix ON justificatif_absence (absence_id);

-- Every change of an absence's status, oldest first: recorded, justification submitted, accepted, refused, cancelled.
CREATE TABLE absence_historique (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    absence_id  uuid NOT NULL REFERENCES absence (id),
    statut      text NOT NULL,
    detail      text,
    par         uuid NOT NULL,
    le          timestamptz NOT NULL
);
CREATE INDEX absence_historique_absence_ix ON absence_historique (absence_id);

-- The établissement's settings: the persistent-absence threshold (unjustified half-days in a month, 4 by law).
CREATE TABLE parametres_vie_scolaire (
    etablissement_id          uuid PRIMARY KEY,
    seuil_demi_journees_mois  integer NOT NULL DEFAULT 4 CHECK (seuil_demi_journees_mois BETWEEN 1 AND 40)
);
