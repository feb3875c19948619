-- Requests for a password reset code, counted per address in the database (shared by every instance) so that one
-- address cannot send codes without end, nor probe logins one after the other.
CREATE TABLE demande_oubli (
    id       bigserial PRIMARY KEY,
    le       timestamptz NOT NULL,
    adresse  inet
);
CREATE INDEX demande_oubli_adresse_ix ON demande_oubli (adresse, le DESC);
