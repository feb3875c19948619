-- Delivery under faults (issue #12). A claim now names who holds it: every update of a claimed message checks the
-- claim's id, so a worker whose lease was taken over changes nothing. Each channel is claimed on its own (a hung SMS
-- gateway no longer delays in-app notifications): the index serves a claim per channel.
ALTER TABLE message_sortant ADD COLUMN reclame_par uuid;
CREATE INDEX message_sortant_canal_a_envoyer_ix ON message_sortant (canal, prochaine_tentative) WHERE statut = 'en_attente';
DROP INDEX message_sortant_a_envoyer_ix;
