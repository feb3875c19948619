-- The directory: établissements, persons, their accounts, their profiles in an établissement, and family links.

CREATE TABLE etablissement (
    id          uuid PRIMARY KEY,
    uai         text NOT NULL UNIQUE CHECK (uai ~ '^[0-9]{7}[A-Z]$'),
    nom         text NOT NULL CHECK (length(nom) BETWEEN 1 AND 200),
    academie    text NOT NULL,
    adresse     text,
    code_postal text CHECK (code_postal ~ '^[0-9]{5}$'),
    commune     text,
    cree_le     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE personne (
    id              uuid PRIMARY KEY,
    nom             text NOT NULL,
    prenom          text NOT NULL,
    date_naissance  date,
    ine             text UNIQUE CHECK (ine ~ '^[0-9A-Z]{11}$'),
    email           text,
    mobile          text CHECK (mobile ~ '^\+[1-9][0-9]{6,14}$'),
    cree_le         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compte (
    id                  uuid PRIMARY KEY,
    personne_id         uuid NOT NULL UNIQUE REFERENCES personne (id),
    identifiant         text NOT NULL,
    mot_de_passe_hash   text,
    etat                text NOT NULL DEFAULT 'actif' CHECK (etat IN ('actif', 'bloque', 'desactive')),
    secret_mfa          text,
    cree_le             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX compte_identifiant_uk ON compte (lower(identifiant));

-- A person's profile in an établissement; a person may hold several (a teacher who is also a parent).
CREATE TABLE rattachement (
    personne_id       uuid NOT NULL REFERENCES personne (id),
    etablissement_id  uuid NOT NULL REFERENCES etablissement (id),
    profil            text NOT NULL CHECK (profil IN ('eleve', 'responsable', 'enseignant', 'personnel')),
    fonction          text CHECK (fonction IN ('cpe', 'direction', 'infirmier', 'documentaliste', 'secretariat', 'administrateur_local')),
    PRIMARY KEY (personne_id, etablissement_id, profil),
    CHECK ((profil = 'personnel') = (fonction IS NOT NULL))
);
CREATE INDEX rattachement_etablissement_ix ON rattachement (etablissement_id, profil);

-- Guardian ↔ pupil. A guardian may have several children, in one or several établissements.
CREATE TABLE lien_responsable (
    responsable_id        uuid NOT NULL REFERENCES personne (id),
    eleve_id              uuid NOT NULL REFERENCES personne (id),
    lien                  text NOT NULL CHECK (lien IN ('mere', 'pere', 'tuteur', 'autre')),
    legal                 boolean NOT NULL DEFAULT true,
    recoit_courrier       boolean NOT NULL DEFAULT true,
    recoit_notifications  boolean NOT NULL DEFAULT true,
    contact_prioritaire   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (responsable_id, eleve_id),
    CHECK (responsable_id <> eleve_id)
);
CREATE INDEX lien_responsable_eleve_ix ON lien_responsable (eleve_id);

-- ASP.NET Core data-protection keys, shared by every host instance.
CREATE TABLE cle_protection_donnees (
    nom      text PRIMARY KEY,
    xml      text NOT NULL,
    cree_le  timestamptz NOT NULL DEFAULT now()
);
