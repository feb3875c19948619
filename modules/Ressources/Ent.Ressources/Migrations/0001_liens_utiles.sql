-- Useful links an établissement offers its community (CDI portal, orientation, school website).

CREATE TABLE lien_utile (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    titre             text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    url               text NOT NULL CHECK (url ~ '^https://'),
    description       text,
    ordre             integer NOT NULL DEFAULT 0
);
CREATE INDEX lien_utile_etablissement_ix ON lien_utile (etablissement_id, ordre);
