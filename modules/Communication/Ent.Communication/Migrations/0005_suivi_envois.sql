-- Whom and what a message is about, so that the vie scolaire desk sees each notification's fate (a pupil's, an
-- établissement's failures), and in-app notifications link to the page concerned. A message withdrawn before it left
-- (an absence corrected to "present") is 'annule'.
ALTER TABLE message_sortant ADD COLUMN eleve_id uuid;
ALTER TABLE message_sortant ADD COLUMN etablissement_id uuid;
ALTER TABLE message_sortant ADD COLUMN categorie text NOT NULL DEFAULT 'message' CHECK (categorie ~ '^[a-z_]{1,30}$');
ALTER TABLE message_sortant ADD COLUMN lien text CHECK (lien ~ '^/');
ALTER TABLE message_sortant DROP CONSTRAINT message_sortant_statut_check;
ALTER TABLE message_sortant ADD CONSTRAINT message_sortant_statut_check CHECK (statut IN ('en_attente', 'envoye', 'remis', 'echec', 'annule'));
CREATE INDEX message_sortant_eleve_ix ON message_sortant (eleve_id, cree_le DESC) WHERE eleve_id IS NOT NULL;
CREATE INDEX message_sortant_etablissement_echec_ix ON message_sortant (etablissement_id, cree_le DESC) WHERE statut = 'echec';
CREATE INDEX message_sortant_reference_ix ON message_sortant (reference_fournisseur) WHERE reference_fournisseur IS NOT NULL;

-- How each person wants to be told about their children's attendance: SMS, e-mail, in-app. No row: SMS and in-app.
CREATE TABLE preference_notification (
    personne_id  uuid PRIMARY KEY,
    sms          boolean NOT NULL,
    courriel     boolean NOT NULL,
    application  boolean NOT NULL,
    modifie_le   timestamptz NOT NULL
);
