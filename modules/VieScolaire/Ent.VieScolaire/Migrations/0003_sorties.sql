-- Exit authorisations: a pupil's regime for the school year, the standing authorisations their legal guardians sign
-- for the year, and one-off exit requests signed by a guardian and handled by the vie scolaire desk. Pupils, guardians
-- and établissements live in Identité: ids only, no foreign key across schemas.

-- The pupil's regime for a school year ('2026-2027'), set by the vie scolaire desk. One row per pupil and year: the
-- regime in force; its changes are kept in regime_historique.
CREATE TABLE regime_eleve (
    eleve_id          uuid NOT NULL,
    annee_scolaire    text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    etablissement_id  uuid NOT NULL,
    regime            text NOT NULL CHECK (regime IN ('externe', 'demi_pensionnaire', 'interne')),
    modifie_par       uuid NOT NULL,
    modifie_le        timestamptz NOT NULL,
    PRIMARY KEY (eleve_id, annee_scolaire)
);
CREATE INDEX regime_eleve_etablissement_ix ON regime_eleve (etablissement_id, annee_scolaire);

CREATE TABLE regime_historique (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    eleve_id        uuid NOT NULL,
    annee_scolaire  text NOT NULL,
    regime_avant    text,
    regime          text NOT NULL,
    par             uuid NOT NULL,
    le              timestamptz NOT NULL
);
CREATE INDEX regime_historique_eleve_ix ON regime_historique (eleve_id, annee_scolaire);

-- A guardian's signature of a standing authorisation for a school year: granted or refused, by whom, when, from which
-- address. Append-only: the latest signature of each type wins, the earlier ones stay as the history.
CREATE TABLE autorisation_sortie (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    eleve_id        uuid NOT NULL,
    annee_scolaire  text NOT NULL CHECK (annee_scolaire ~ '^[0-9]{4}-[0-9]{4}$'),
    type            text NOT NULL CHECK (type IN ('absence_professeur_fin_journee', 'heures_libres', 'pause_meridienne')),
    accordee        boolean NOT NULL,
    signee_par      uuid NOT NULL,
    signee_le       timestamptz NOT NULL,
    adresse         inet
);
CREATE INDEX autorisation_sortie_eleve_ix ON autorisation_sortie (eleve_id, annee_scolaire, type, signee_le DESC, id DESC);

-- A one-off exit request: a guardian asks for the pupil to leave on a date at a time (and maybe come back), and signs it
-- in the app (who, when, from which address, and the statement they certified). The desk accepts or refuses it once
-- (traitee_*); the guardians may cancel it until then (annulee_*). A handled or cancelled request no longer changes.
CREATE TABLE demande_sortie (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    eleve_id          uuid NOT NULL,
    date              date NOT NULL,
    heure_sortie      time NOT NULL,
    heure_retour      time CHECK (heure_retour > heure_sortie),
    motif             text NOT NULL CHECK (length(motif) BETWEEN 1 AND 500),
    signee_par        uuid NOT NULL,
    signee_le         timestamptz NOT NULL,
    adresse           inet,
    attestation       text NOT NULL CHECK (length(attestation) BETWEEN 1 AND 1000),
    statut            text NOT NULL DEFAULT 'en_attente' CHECK (statut IN ('en_attente', 'acceptee', 'refusee', 'annulee')),
    traitee_par       uuid,
    traitee_le        timestamptz,
    commentaire       text CHECK (length(commentaire) <= 500),
    annulee_par       uuid,
    annulee_le        timestamptz,
    CHECK ((statut IN ('acceptee', 'refusee')) = (traitee_le IS NOT NULL AND traitee_par IS NOT NULL)),
    CHECK ((statut = 'annulee') = (annulee_le IS NOT NULL AND annulee_par IS NOT NULL))
);
CREATE INDEX demande_sortie_etablissement_ix ON demande_sortie (etablissement_id, date);
CREATE INDEX demande_sortie_eleve_ix ON demande_sortie (eleve_id, date DESC);
