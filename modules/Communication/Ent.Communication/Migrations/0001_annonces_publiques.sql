-- Announcements an établissement publishes for everyone (open days, closures), shown before any login.

CREATE TABLE annonce_publique (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    texte             text NOT NULL CHECK (length(texte) BETWEEN 1 AND 5000),
    publiee_le        timestamptz NOT NULL,
    expire_le         timestamptz,
    CHECK (expire_le IS NULL OR expire_le > publiee_le)
);
CREATE INDEX annonce_publique_etablissement_ix ON annonce_publique (etablissement_id, publiee_le DESC);
