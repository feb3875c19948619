-- Federated identities (EduConnect first): which external subject signs in to which account, and what matched it.

-- The national pupil identifier (SIECLE's ELEVE_ID) that EduConnect names in its vectors (profil|nom|prenom|eleveId|UAI).
-- It is what links a guardian's EduConnect account to their children here, so it must designate one pupil only.
ALTER TABLE personne ADD COLUMN eleve_id_national text UNIQUE CHECK (eleve_id_national ~ '^[0-9A-Za-z]{1,32}$');

CREATE TABLE identite_externe (
    fournisseur   text NOT NULL CHECK (fournisseur ~ '^[a-z][a-z0-9_-]{0,39}$'),
    sujet         text NOT NULL CHECK (length(sujet) BETWEEN 1 AND 255),
    compte_id     uuid NOT NULL REFERENCES compte (id),
    -- The provider's identifiers used to match (EduConnect: FrEduCtId, affiliation, INE, UAI, vectors), kept so that a
    -- link can be explained and checked again later; never used to sign in.
    identifiants  jsonb NOT NULL DEFAULT '{}'::jsonb,
    lie_le        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fournisseur, sujet),
    -- One external identity per account and provider: once an account is linked, another person who happens to match
    -- it (same name among a pupil's guardians) cannot take it over; the school sorts such cases out.
    CONSTRAINT identite_externe_compte_uk UNIQUE (fournisseur, compte_id)
);
