-- School health (issue 18): the nurse's record of infirmary visits and the pupils' health plans (PAI, « projet d'accueil
-- individualisé »). Medical secrecy: read by the établissement's nurse, the pupil's legal guardians and the pupil from
-- 15 years old (Identité's access rules, domain « sante »); teachers see only that a PAI exists and its emergency
-- instructions. Everything medical is encrypted at rest (AES-256-GCM) with a key kept outside the database
-- (Ent:Sante:Cle or the file Ent:Sante:FichierCle, default .data/cle-sante): a dump of the database alone reads no
-- reason, care, outcome, allergy or treatment. In clear: who, where and when only (what the lists and purges need).
-- Each ciphertext is bound to its row (the associated data is the row's id): copied to another row, it does not open.

-- An infirmary visit. donnees = {motif, issue, soins, observations} encrypted; empreinte_cle names the key that
-- encrypted it (a fingerprint, never the key) so that a host started with the wrong key says so at start-up.
CREATE TABLE passage_infirmerie (
    id                 uuid PRIMARY KEY,
    etablissement_id   uuid NOT NULL,
    eleve_id           uuid NOT NULL,
    arrivee            timestamptz NOT NULL,
    depart             timestamptz,
    donnees            bytea NOT NULL,
    empreinte_cle      text NOT NULL,
    famille_prevenue   boolean NOT NULL,
    saisi_par          uuid NOT NULL,
    saisi_le           timestamptz NOT NULL,
    CHECK (depart IS NULL OR depart >= arrivee)
);
CREATE INDEX passage_infirmerie_eleve_ix ON passage_infirmerie (eleve_id, arrivee DESC);
CREATE INDEX passage_infirmerie_etablissement_ix ON passage_infirmerie (etablissement_id, arrivee);

-- A pupil's health plan, one in force per pupil. donnees = {allergies, traitements, conduiteATenir, consignesUrgence}
-- encrypted; the emergency instructions are what teachers read.
CREATE TABLE pai (
    eleve_id           uuid PRIMARY KEY,
    etablissement_id   uuid NOT NULL,
    donnees            bytea NOT NULL,
    empreinte_cle      text NOT NULL,
    modifie_par        uuid NOT NULL,
    modifie_le         timestamptz NOT NULL
);
CREATE INDEX pai_etablissement_ix ON pai (etablissement_id);

-- The PAI's signed document (PDF, JPEG or PNG), encrypted, in the database: backed up with the data, served by every
-- host. No original name is kept (a file name may say the illness): it downloads as « pai.pdf ».
CREATE TABLE pai_document (
    eleve_id           uuid PRIMARY KEY REFERENCES pai (eleve_id) ON DELETE CASCADE,
    contenu            bytea NOT NULL,
    empreinte_cle      text NOT NULL,
    type_contenu       text NOT NULL CHECK (type_contenu IN ('application/pdf', 'image/jpeg', 'image/png')),
    taille             integer NOT NULL CHECK (taille > 0),
    depose_par         uuid NOT NULL,
    depose_le          timestamptz NOT NULL
);
