-- Rentrée: a real lycée is fed from the academy's directory export (AAF, built from SIECLE and STS), and its families
-- activate their accounts themselves. What the import, the activation and the administration screens share.

-- The AAF join keys (ENTStructureJointure, ENTPersonJointure): every later export names the same établissement or
-- person by them, so Ent's own ids — and the grades, absences, accounts hanging on them — survive every import.
ALTER TABLE etablissement ADD COLUMN jointure_aaf text UNIQUE CHECK (length(jointure_aaf) BETWEEN 1 AND 64);
ALTER TABLE personne ADD COLUMN jointure_aaf text UNIQUE CHECK (length(jointure_aaf) BETWEEN 1 AND 64);
-- personalTitle, for the letters and the guardians' display (« Mme Martin »).
ALTER TABLE personne ADD COLUMN civilite text CHECK (civilite IN ('M.', 'Mme'));

-- An imported person's account waits for the family to activate it (letter code, EduConnect, or a code sent to the
-- contact the import gave). It has no password until then.
ALTER TABLE compte DROP CONSTRAINT compte_etat_check;
ALTER TABLE compte ADD CONSTRAINT compte_etat_check CHECK (etat IN ('a_activer', 'actif', 'bloque', 'desactive'));
-- When the account was activated and the terms of use accepted (the region's activation rates read the first).
ALTER TABLE compte ADD COLUMN active_le timestamptz;
ALTER TABLE compte ADD COLUMN conditions_acceptees_le timestamptz;
-- Accounts that existed before this migration were made active by hand (demo, first pilots).
UPDATE compte SET active_le = cree_le WHERE etat <> 'a_activer';

-- A guardian link an administrator corrected: later imports leave it as the administrator set it.
ALTER TABLE lien_responsable ADD COLUMN fixe_manuellement boolean NOT NULL DEFAULT false;

-- A profile the directory no longer gives (a pupil who left, a teacher moved): kept, never deleted — the history
-- (grades, absences, access log) still names the person in that établissement.
ALTER TABLE rattachement ADD COLUMN retire_le timestamptz;

-- Each import: where it came from, how far it got, what it changed. Kept and shown to administrators.
CREATE TABLE import_aaf (
    id                uuid PRIMARY KEY,
    nature            text NOT NULL CHECK (nature IN ('complet', 'delta')),
    annee_scolaire    text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    rentree           boolean NOT NULL DEFAULT false,
    date_export       date,
    source            text NOT NULL CHECK (source IN ('commande', 'televersement')),
    demande_par       uuid REFERENCES personne (id),
    -- The établissement an administrator imported for; null for a region-wide import (build.ps1).
    etablissement_id  uuid REFERENCES etablissement (id),
    etat              text NOT NULL CHECK (etat IN ('en_attente', 'en_cours', 'termine', 'refuse', 'echoue')),
    cree_le           timestamptz NOT NULL DEFAULT now(),
    commence_le       timestamptz,
    termine_le        timestamptz,
    entrees_total     integer,
    entrees_traitees  integer NOT NULL DEFAULT 0,
    -- {"personnes": {"crees": n, "modifies": n, "desactives": n}, "classes": {...}, ...} per kind.
    resume            jsonb NOT NULL DEFAULT '{}',
    -- Why the whole import was refused or failed, in French (a malformed file, a zip with a path outside its folder…).
    message           text
);
CREATE INDEX import_aaf_etablissement_ix ON import_aaf (etablissement_id, cree_le DESC);
CREATE INDEX import_aaf_cree_ix ON import_aaf (cree_le DESC);

-- What one import did in one établissement (one transaction each): the region's list shows each établissement's last.
CREATE TABLE import_aaf_etablissement (
    import_id         uuid NOT NULL REFERENCES import_aaf (id),
    etablissement_id  uuid NOT NULL REFERENCES etablissement (id),
    etat              text NOT NULL CHECK (etat IN ('termine', 'echoue')),
    resume            jsonb NOT NULL DEFAULT '{}',
    termine_le        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (import_id, etablissement_id)
);
CREATE INDEX import_aaf_etablissement_dernier_ix ON import_aaf_etablissement (etablissement_id, termine_le DESC);

-- Every rejected entry, with its file and line: a bad entry never stops the others.
CREATE TABLE import_aaf_rejet (
    import_id  uuid NOT NULL REFERENCES import_aaf (id),
    numero     integer NOT NULL,
    fichier    text NOT NULL,
    ligne      integer,
    jointure   text,
    motif      text NOT NULL,
    PRIMARY KEY (import_id, numero)
);
