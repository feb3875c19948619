-- A change of e-mail address or mobile number, asked with the current password and applied only once the code sent
-- to the new contact comes back (15 minutes, five tries, one use; only a hash of the code is kept). A confirmed change
-- keeps the previous value: a password reset in the days after it alerts the previous contact too, so that an
-- account taken over by changing its contact does not go unnoticed.
CREATE TABLE changement_contact (
    id               uuid PRIMARY KEY,
    personne_id      uuid NOT NULL REFERENCES personne (id),
    contact          text NOT NULL CHECK (contact IN ('email', 'mobile')),
    valeur           text,
    ancienne_valeur  text,
    code_hash        text,
    cree_le          timestamptz NOT NULL,
    expire_le        timestamptz NOT NULL,
    essais           integer NOT NULL DEFAULT 0,
    confirme_le      timestamptz
);
CREATE INDEX changement_contact_personne_ix ON changement_contact (personne_id, cree_le DESC);
