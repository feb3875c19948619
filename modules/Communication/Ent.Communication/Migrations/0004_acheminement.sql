-- Delivery of the outbox: what the provider answered (its reference), when the message left and when it was delivered
-- (delivery receipts), so that the CPE can see each notification's fate.
ALTER TABLE message_sortant ADD COLUMN reference_fournisseur text;
ALTER TABLE message_sortant ADD COLUMN envoye_le timestamptz;
ALTER TABLE message_sortant ADD COLUMN remis_le timestamptz;
CREATE INDEX message_sortant_echec_ix ON message_sortant (cree_le DESC) WHERE statut = 'echec';
