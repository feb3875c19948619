-- The devices a person logs in from (a browser, recognised by a long-lived random cookie whose hash only is kept),
-- so that a login from a new device can be announced to the owner, and the owner can list and forget them.
CREATE TABLE appareil (
    id           uuid PRIMARY KEY,
    personne_id  uuid NOT NULL REFERENCES personne (id),
    empreinte    text NOT NULL,
    libelle      text NOT NULL,
    premier_vu   timestamptz NOT NULL DEFAULT now(),
    dernier_vu   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (personne_id, empreinte)
);
