-- Periods, subjects, assessments and grades, appraisals and class councils: everything a report card is made of.
-- Persons and établissements live in Identité: ids only, no foreign key across schemas.

-- The établissement's choices for grading. Non rendu (work not handed in) counts as zero or is left out of averages,
-- as the établissement decides; a missing row means the defaults.
CREATE TABLE parametres_notation (
    etablissement_id  uuid PRIMARY KEY,
    non_rendu         text NOT NULL DEFAULT 'exclu' CHECK (non_rendu IN ('zero', 'exclu'))
);

-- Trimesters or semesters of a school year, per établissement. Periods of a year do not overlap (checked by the endpoint
-- that writes them: btree_gist is not assumed). Report cards reach families once the head publishes them.
CREATE TABLE periode (
    id                 uuid PRIMARY KEY,
    etablissement_id   uuid NOT NULL,
    annee_scolaire     text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    decoupage          text NOT NULL CHECK (decoupage IN ('trimestre', 'semestre')),
    numero             smallint NOT NULL CHECK (numero BETWEEN 1 AND 3),
    debut              date NOT NULL,
    fin                date NOT NULL,
    bulletins_publies_le timestamptz,
    CHECK (fin >= debut),
    CHECK (decoupage = 'trimestre' OR numero <= 2),
    UNIQUE (etablissement_id, annee_scolaire, numero)
);

-- Subjects of an établissement, with the national code (BCN « matière ») where one exists, and their order on the
-- report card. Teaching services already name a subject by code: the subjects they use are brought in below.
CREATE TABLE matiere (
    etablissement_id  uuid NOT NULL,
    code              text NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
    libelle           text NOT NULL CHECK (length(libelle) BETWEEN 1 AND 200),
    code_national     text CHECK (code_national ~ '^[0-9]{6}$'),
    rang              smallint NOT NULL DEFAULT 100,
    PRIMARY KEY (etablissement_id, code)
);

INSERT INTO matiere (etablissement_id, code, libelle)
SELECT DISTINCT ON (etablissement_id, matiere_code) etablissement_id, matiere_code, matiere_libelle
FROM (
    SELECT c.etablissement_id, s.matiere_code, s.matiere_libelle
    FROM service_enseignement s JOIN classe c ON c.id = s.classe_id
    UNION ALL
    SELECT g.etablissement_id, s.matiere_code, s.matiere_libelle
    FROM service_enseignement s JOIN groupe g ON g.id = s.groupe_id
) s
ORDER BY etablissement_id, matiere_code;

-- An assessment of a teaching service. "bareme" is the maximum (any, shown on /20 where asked). "mode": normale;
-- bonus (only the points above 10/20 are added to the average); facultative (counts only when it raises the average).
CREATE TABLE evaluation (
    id                  uuid PRIMARY KEY,
    service_id          uuid NOT NULL REFERENCES service_enseignement (id),
    periode_id          uuid NOT NULL REFERENCES periode (id),
    date                date NOT NULL,
    titre               text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    bareme              numeric(6, 2) NOT NULL CHECK (bareme > 0 AND bareme <= 1000),
    coefficient         numeric(5, 2) NOT NULL DEFAULT 1 CHECK (coefficient > 0 AND coefficient <= 100),
    mode                text NOT NULL DEFAULT 'normale' CHECK (mode IN ('normale', 'bonus', 'facultative')),
    compte_dans_moyenne boolean NOT NULL DEFAULT true,
    publication         date,
    cree_par            uuid NOT NULL,
    cree_le             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_service_ix ON evaluation (service_id, date DESC);
CREATE INDEX evaluation_periode_ix ON evaluation (periode_id, service_id);

-- A pupil's result: a mark (0 ≤ valeur ≤ the assessment's bareme, checked on write) or a marker, never both.
CREATE TABLE note (
    evaluation_id  uuid NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
    eleve_id       uuid NOT NULL,
    valeur         numeric(6, 2) CHECK (valeur >= 0),
    marqueur       text CHECK (marqueur IN ('absent', 'dispense', 'non_note', 'non_rendu')),
    commentaire    text CHECK (length(commentaire) <= 500),
    saisie_par     uuid NOT NULL,
    saisie_le      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (evaluation_id, eleve_id),
    CHECK ((valeur IS NULL) <> (marqueur IS NULL))
);
-- A pupil's grades page and report card start from the pupil.
CREATE INDEX note_eleve_ix ON note (eleve_id, evaluation_id);

-- The teacher's appraisal of a pupil in a subject (a teaching service) for a period.
CREATE TABLE appreciation (
    service_id  uuid NOT NULL REFERENCES service_enseignement (id),
    periode_id  uuid NOT NULL REFERENCES periode (id),
    eleve_id    uuid NOT NULL,
    texte       text NOT NULL CHECK (length(texte) BETWEEN 1 AND 600),
    auteur_id   uuid NOT NULL,
    modifie_le  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, periode_id, eleve_id)
);
CREATE INDEX appreciation_eleve_ix ON appreciation (eleve_id, periode_id);

-- The class council's outcome for a pupil: the head teacher's general appraisal and the council's decision.
CREATE TABLE conseil_classe (
    classe_id                uuid NOT NULL REFERENCES classe (id),
    periode_id               uuid NOT NULL REFERENCES periode (id),
    eleve_id                 uuid NOT NULL,
    appreciation_generale    text CHECK (length(appreciation_generale) BETWEEN 1 AND 1000),
    decision                 text CHECK (decision IN ('felicitations', 'compliments', 'encouragements',
                                                     'mise_en_garde_travail', 'mise_en_garde_comportement', 'avertissement')),
    modifie_par              uuid NOT NULL,
    modifie_le               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (classe_id, periode_id, eleve_id)
);
CREATE INDEX conseil_classe_eleve_ix ON conseil_classe (eleve_id, periode_id);
