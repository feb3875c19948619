-- In-app notifications: one row per recipient, shown in the application from visible_le (a grade published on a later
-- date is announced on that date). "cle" coalesces repeated events: a teacher correcting an assessment's grades twice
-- leaves one unread notification per recipient, not two.
CREATE TABLE notification (
    id              uuid PRIMARY KEY,
    destinataire_id uuid NOT NULL,
    eleve_id        uuid,
    categorie       text NOT NULL CHECK (categorie ~ '^[a-z_]{1,30}$'),
    titre           text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    texte           text NOT NULL CHECK (length(texte) BETWEEN 1 AND 1000),
    lien            text CHECK (lien ~ '^/'),
    cle             text NOT NULL,
    visible_le      timestamptz NOT NULL,
    cree_le         timestamptz NOT NULL DEFAULT now(),
    lue_le          timestamptz,
    UNIQUE (destinataire_id, cle)
);
CREATE INDEX notification_destinataire_ix ON notification (destinataire_id, visible_le DESC);
