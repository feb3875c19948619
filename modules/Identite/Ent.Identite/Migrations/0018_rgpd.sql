-- Families' data rights (RGPD, issue 18).

-- A person's data export (« tout ce qu'Ent détient ») asked by the person or a legal guardian: built in the background
-- by one host (claimed with FOR UPDATE SKIP LOCKED), the zip kept here for 7 days then purged (identite.exports_rgpd).
-- In the database rather than on a disk: any host serves the download, and the purge deletes row and file at once.
CREATE TABLE export_rgpd (
    id               uuid PRIMARY KEY,
    demandeur_id     uuid NOT NULL REFERENCES personne (id),
    personne_id      uuid NOT NULL REFERENCES personne (id),
    etat             text NOT NULL DEFAULT 'en_attente' CHECK (etat IN ('en_attente', 'en_cours', 'pret', 'echoue')),
    sections_total   integer NOT NULL DEFAULT 0 CHECK (sections_total >= 0),
    sections_faites  integer NOT NULL DEFAULT 0 CHECK (sections_faites BETWEEN 0 AND sections_total),
    demande_le       timestamptz NOT NULL,
    commence_le      timestamptz,
    termine_le       timestamptz,
    expire_le        timestamptz NOT NULL,
    contenu          bytea,
    taille           bigint,
    telecharge_le    timestamptz,
    CHECK ((etat = 'pret') = (contenu IS NOT NULL))
);
CREATE INDEX export_rgpd_demandeur_ix ON export_rgpd (demandeur_id, demande_le DESC);
CREATE INDEX export_rgpd_attente_ix ON export_rgpd (demande_le) WHERE etat = 'en_attente';
CREATE INDEX export_rgpd_expire_ix ON export_rgpd (expire_le);

-- The retention scheduler's runs: one row per schedule period (a day) and purge, written by the one host that held the
-- advisory lock; the primary key makes a second run of the same period impossible whatever the hosts do.
CREATE TABLE execution_purge (
    periode      date NOT NULL,
    nom          text NOT NULL CHECK (length(nom) BETWEEN 1 AND 100),
    hote         text NOT NULL CHECK (length(hote) BETWEEN 1 AND 200),
    commence_le  timestamptz NOT NULL,
    termine_le   timestamptz,
    supprimees   integer,
    erreur       text CHECK (length(erreur) <= 2000),
    PRIMARY KEY (periode, nom)
);
