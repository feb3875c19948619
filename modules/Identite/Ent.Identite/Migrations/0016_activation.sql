-- Activation codes: printed on the letters the établissement hands to families (or given by an administrator to a
-- family that lost its letter). Valid 3 months, one use. Only a hash is kept: the code is shown once, on the letter
-- or to the administrator, and never again. A code has about 60 random bits (12 characters of 31), so a fast hash is
-- enough: guessing one from its hash is out of reach, and printing a thousand letters must not take minutes.
CREATE TABLE code_activation (
    id           uuid PRIMARY KEY,
    compte_id    uuid NOT NULL REFERENCES compte (id),
    code_hash    bytea NOT NULL CHECK (length(code_hash) = 32),
    cree_le      timestamptz NOT NULL,
    -- Who printed the letter or asked for the code (an administrator; null for a command-line run).
    cree_par     uuid REFERENCES personne (id),
    expire_le    timestamptz NOT NULL,
    utilise_le   timestamptz,
    -- A newer code for the same account (letters printed again, « réinitialiser »): this one no longer opens anything.
    remplace_le  timestamptz,
    CHECK (expire_le > cree_le)
);
-- One live code per account: regenerating first retires the previous one, in the same transaction.
CREATE UNIQUE INDEX code_activation_vivant_uk ON code_activation (compte_id) WHERE utilise_le IS NULL AND remplace_le IS NULL;
CREATE INDEX code_activation_compte_ix ON code_activation (compte_id, cree_le DESC);

-- Attempts, per login and per address, are the login's own (tentative_connexion): a wrong activation code is a failed
-- login. Codes sent by SMS or e-mail to an account to activate (« Je n'ai pas de lettre ») are the forgotten-password
-- flow's (code_reinitialisation, demande_oubli), with its limits.
