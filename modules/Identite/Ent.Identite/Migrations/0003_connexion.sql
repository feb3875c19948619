-- Login attempts, for lockout per login and rate limits per address. Kept in the database, not in one instance's
-- memory, so that every instance behind a load balancer counts the same attempts. The login is stored normalised
-- whether an account has it or not: a login that does not exist locks out exactly like one that does.
CREATE TABLE tentative_connexion (
    id           bigserial PRIMARY KEY,
    le           timestamptz NOT NULL DEFAULT now(),
    identifiant  text NOT NULL,
    adresse      inet,
    reussie      boolean NOT NULL
);
CREATE INDEX tentative_connexion_identifiant_ix ON tentative_connexion (identifiant, le DESC);
CREATE INDEX tentative_connexion_adresse_ix ON tentative_connexion (adresse, le DESC) WHERE NOT reussie;

-- The OIDC server's signing and encryption keys, shared by every instance and kept across restarts.
CREATE TABLE cle_oidc (
    usage    text PRIMARY KEY CHECK (usage IN ('signature', 'chiffrement')),
    pem      text NOT NULL,
    cree_le  timestamptz NOT NULL DEFAULT now()
);
