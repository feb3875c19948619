-- Digital resources through the GAR (Gestionnaire d'accès aux ressources), issue 18.

-- The GAR's GARPersonIdentifiant of each person: a stable pseudonym, random, never derived from the person's id or
-- name, so that the GAR and the publishers can tell a user again without learning who they are.
CREATE TABLE gar_identifiant (
    personne_id  uuid PRIMARY KEY,
    identifiant  uuid NOT NULL UNIQUE,
    cree_le      timestamptz NOT NULL
);

-- Each opening of a resource through Ent (who, which, when): the family sees its child's per week. Kept for the
-- school year only (GarPurgeOuvertures deletes the previous years' on the rentrée).
CREATE TABLE gar_ouverture (
    id                uuid PRIMARY KEY,
    personne_id       uuid NOT NULL,
    etablissement_id  uuid NOT NULL,
    id_ressource      text NOT NULL CHECK (length(id_ressource) BETWEEN 1 AND 500),
    nom_ressource     text NOT NULL CHECK (length(nom_ressource) BETWEEN 1 AND 500),
    nom_editeur       text NOT NULL CHECK (length(nom_editeur) <= 500),
    ouverte_le        timestamptz NOT NULL
);
CREATE INDEX gar_ouverture_personne_ix ON gar_ouverture (personne_id, ouverte_le);
CREATE INDEX gar_ouverture_date_ix ON gar_ouverture (ouverte_le);

-- SAML requests the GAR sent (their ID), kept until they expire: one answered twice is a replay and is refused.
CREATE TABLE gar_requete_saml (
    id        text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 256),
    recue_le  timestamptz NOT NULL,
    expire_le timestamptz NOT NULL
);
CREATE INDEX gar_requete_saml_expire_ix ON gar_requete_saml (expire_le);
