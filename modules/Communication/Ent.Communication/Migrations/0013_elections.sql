-- Parents' elections with a secret ballot (issue 17): the head sets an election up (seats, window, lists of candidates),
-- the electors are frozen at opening, each votes once; the vote is written in two places that nothing links: the
-- émargement (who has voted, no choice) and the urn (the choice, no elector, no time). Results after closing only.

CREATE TABLE election (
    id                  uuid PRIMARY KEY,
    etablissement_id    uuid NOT NULL,
    titre               text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
    sieges              int NOT NULL CHECK (sieges BETWEEN 1 AND 50),
    ouverture           timestamptz NOT NULL,
    cloture             timestamptz NOT NULL,
    -- Votes by post and at the polling station are counted too: the desk enters them after closing.
    correspondance      boolean NOT NULL DEFAULT false,
    creee_par           uuid NOT NULL,
    creee_le            timestamptz NOT NULL,
    -- The electoral list, frozen when voting opens (by the background job, or the first request after opening).
    electeurs_figes_le  timestamptz,
    nombre_electeurs    int CHECK (nombre_electeurs >= 0),
    -- The urn rewritten in random-key order at closing: from then on neither heap order nor xmin links anyone to a ballot.
    scellee_le          timestamptz,
    -- The desk's count of the ballots cast by post or in person (when correspondance).
    bureau_votants      int CHECK (bureau_votants >= 0),
    bureau_blancs_nuls  int CHECK (bureau_blancs_nuls >= 0),
    bureau_saisi_le     timestamptz,
    publiee_le          timestamptz,
    publiee_par         uuid,
    CHECK (cloture > ouverture),
    CHECK (bureau_blancs_nuls IS NULL OR bureau_blancs_nuls <= bureau_votants)
);
CREATE INDEX election_etablissement_ix ON election (etablissement_id, ouverture);
CREATE INDEX election_a_figer_ix ON election (ouverture) WHERE electeurs_figes_le IS NULL;
CREATE INDEX election_a_sceller_ix ON election (cloture) WHERE scellee_le IS NULL;

-- A list of candidates; « rang » is the order the head gave (the ballot paper's order).
CREATE TABLE election_liste (
    id           uuid PRIMARY KEY,
    election_id  uuid NOT NULL REFERENCES election (id) ON DELETE CASCADE,
    rang         int NOT NULL CHECK (rang BETWEEN 1 AND 50),
    nom          text NOT NULL CHECK (length(nom) BETWEEN 1 AND 200),
    -- The desk's votes for this list (by post or in person).
    voix_bureau  int CHECK (voix_bureau >= 0),
    UNIQUE (election_id, rang)
);

-- A candidate, in the list's order. The date of birth settles ties (the older candidate wins, as the rules say).
CREATE TABLE election_candidat (
    liste_id        uuid NOT NULL REFERENCES election_liste (id) ON DELETE CASCADE,
    rang            int NOT NULL CHECK (rang BETWEEN 1 AND 100),
    nom             text NOT NULL CHECK (length(nom) BETWEEN 1 AND 100),
    prenom          text NOT NULL CHECK (length(prenom) BETWEEN 1 AND 100),
    date_naissance  date NOT NULL,
    PRIMARY KEY (liste_id, rang)
);

-- The electoral list, frozen at opening: every legal guardian of a pupil of the établissement, once.
CREATE TABLE election_electeur (
    election_id  uuid NOT NULL REFERENCES election (id) ON DELETE CASCADE,
    personne_id  uuid NOT NULL,
    PRIMARY KEY (election_id, personne_id)
);

-- « A voté »: who has voted and when, never what. The primary key is the one-vote-per-elector rule.
CREATE TABLE election_emargement (
    election_id  uuid NOT NULL,
    personne_id  uuid NOT NULL,
    vote_le      timestamptz NOT NULL,
    PRIMARY KEY (election_id, personne_id),
    FOREIGN KEY (election_id, personne_id) REFERENCES election_electeur (election_id, personne_id)
);

-- The urn: the chosen list and the hash of the elector's receipt; no elector, no time. The key is random; the rows are
-- rewritten in key order when the election is sealed (see README « Élections des parents »).
CREATE TABLE election_urne (
    cle            uuid PRIMARY KEY,
    election_id    uuid NOT NULL REFERENCES election (id) ON DELETE CASCADE,
    liste_id       uuid NOT NULL REFERENCES election_liste (id),
    empreinte_recu bytea NOT NULL CHECK (length(empreinte_recu) = 32)
);
CREATE INDEX election_urne_election_ix ON election_urne (election_id, empreinte_recu);
