-- TOTP second factor (RFC 6238). The secret itself lives in compte.secret_mfa (0001), protected with ASP.NET Core
-- Data Protection (purpose "Ent.Identite.Totp"): a database dump alone never gives a working authenticator.

-- An établissement may require the second factor of its staff (profil 'personnel'); see the README for who counts.
ALTER TABLE etablissement ADD COLUMN double_authentification_personnel boolean NOT NULL DEFAULT false;

-- A secret without a confirmation date is an enrolment in progress: it does not protect the login until a code from
-- the person's authenticator proves they hold it. The last accepted time step refuses a code replayed in its window.
ALTER TABLE compte
    ADD COLUMN mfa_confirme_le  timestamptz,
    ADD COLUMN mfa_dernier_pas  bigint,
    ADD CONSTRAINT compte_mfa_confirme_ck CHECK (mfa_confirme_le IS NULL OR secret_mfa IS NOT NULL);

-- Recovery codes, for a lost phone: only their SHA-256 is kept (they are long random strings, not passwords), each
-- used once. A new confirmation replaces them all.
CREATE TABLE code_secours (
    compte_id   uuid NOT NULL REFERENCES compte (id) ON DELETE CASCADE,
    hash        text NOT NULL,
    utilise_le  timestamptz,
    PRIMARY KEY (compte_id, hash)
);
