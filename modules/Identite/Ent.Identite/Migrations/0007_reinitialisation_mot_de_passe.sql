-- Password reset codes: sent by SMS or e-mail, valid 15 minutes, five tries, one use. Only a hash is kept.
CREATE TABLE code_reinitialisation (
    id           uuid PRIMARY KEY,
    compte_id    uuid NOT NULL REFERENCES compte (id),
    code_hash    text NOT NULL,
    cree_le      timestamptz NOT NULL DEFAULT now(),
    expire_le    timestamptz NOT NULL,
    essais       integer NOT NULL DEFAULT 0,
    utilise_le   timestamptz
);
CREATE INDEX code_reinitialisation_compte_ix ON code_reinitialisation (compte_id, cree_le DESC);
