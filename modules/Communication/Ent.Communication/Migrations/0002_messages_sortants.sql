-- The outbox: every message Ent must deliver (SMS, e-mail, in-app), written in the transaction of the change that
-- caused it and delivered afterwards by a worker with retries. The idempotency key makes a retried request queue
-- one message, not two.
CREATE TABLE message_sortant (
    id                   uuid PRIMARY KEY,
    cree_le              timestamptz NOT NULL DEFAULT now(),
    canal                text NOT NULL CHECK (canal IN ('sms', 'courriel', 'application')),
    adresse              text,
    personne_id          uuid,
    sujet                text NOT NULL,
    texte                text NOT NULL,
    cle_idempotence      text NOT NULL UNIQUE,
    statut               text NOT NULL DEFAULT 'en_attente' CHECK (statut IN ('en_attente', 'envoye', 'remis', 'echec')),
    tentatives           integer NOT NULL DEFAULT 0,
    prochaine_tentative  timestamptz NOT NULL DEFAULT now(),
    erreur               text,
    CHECK (canal = 'application' OR adresse IS NOT NULL),
    CHECK (canal <> 'application' OR personne_id IS NOT NULL)
);
CREATE INDEX message_sortant_a_envoyer_ix ON message_sortant (prochaine_tentative) WHERE statut = 'en_attente';
