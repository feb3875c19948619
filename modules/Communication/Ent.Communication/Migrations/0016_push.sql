-- Web Push (issue 19): a fourth channel of the outbox. A push message has no address: it goes to every device the
-- person subscribed (abonnement_push), so, like an in-app message, it names its recipient.
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'communication.message_sortant'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%canal%'
    LOOP
        EXECUTE format('ALTER TABLE communication.message_sortant DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$;
ALTER TABLE message_sortant ADD CONSTRAINT message_sortant_canal_check CHECK (canal IN ('sms', 'courriel', 'application', 'push'));
ALTER TABLE message_sortant ADD CONSTRAINT message_sortant_adresse_check CHECK (canal IN ('application', 'push') OR adresse IS NOT NULL);
ALTER TABLE message_sortant ADD CONSTRAINT message_sortant_personne_check CHECK (canal NOT IN ('application', 'push') OR personne_id IS NOT NULL);

-- A browser's push subscription: one row per device (the push service's endpoint is the device). Its keys encrypt
-- the payload for that browser alone (RFC 8291). Removed when the push service answers 404/410, when its owner
-- deactivates it, after a year without a delivery, and at the person's erasure.
CREATE TABLE abonnement_push (
    id             uuid PRIMARY KEY,
    personne_id    uuid NOT NULL,
    endpoint       text NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 10 AND 2000),
    p256dh         text NOT NULL CHECK (length(p256dh) BETWEEN 80 AND 100),
    auth           text NOT NULL CHECK (length(auth) BETWEEN 16 AND 32),
    appareil       text NOT NULL CHECK (length(appareil) BETWEEN 1 AND 100),
    cree_le        timestamptz NOT NULL,
    dernier_succes timestamptz
);
CREATE INDEX abonnement_push_personne_ix ON abonnement_push (personne_id);

-- Which kinds of notification a person wants as push (on every device they subscribed). No row: none (push is asked
-- for, never imposed).
CREATE TABLE preference_push (
    personne_id  uuid PRIMARY KEY,
    absences     boolean NOT NULL,
    notes        boolean NOT NULL,
    messages     boolean NOT NULL,
    annonces     boolean NOT NULL,
    modifie_le   timestamptz NOT NULL
);

-- The VAPID key pair (RFC 8292) of the whole platform, generated once by the first host that needs it: every instance
-- signs with the same key (a browser's subscription is bound to it). The private key is stored protected by
-- ASP.NET data protection, whose keys are themselves encrypted with the key kept outside the database.
CREATE TABLE cle_vapid (
    id            smallint PRIMARY KEY CHECK (id = 1),
    cle_publique  text NOT NULL,
    cle_privee    text NOT NULL,
    cree_le       timestamptz NOT NULL
);
