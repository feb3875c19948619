-- The vie scolaire desk reminds a teacher of a roll call not taken: one reminder per lesson (teaching service and start
-- time), whoever asks again; who reminded and when are shown in the list of roll calls not taken.
CREATE TABLE relance_appel (
    service_id        uuid NOT NULL,
    debut             timestamptz NOT NULL,
    etablissement_id  uuid NOT NULL,
    enseignant_id     uuid NOT NULL,
    relance_par       uuid NOT NULL,
    relance_le        timestamptz NOT NULL,
    PRIMARY KEY (service_id, debut)
);
CREATE INDEX relance_appel_etablissement_ix ON relance_appel (etablissement_id, debut);

-- An absence recorded by the desk on a family's word: who told (« Mme Martin, mère ») and how (phone call, at the desk,
-- e-mail, the pupil's correspondence book), so that the desk can say later on whose word it was recorded.
ALTER TABLE absence
    ADD COLUMN signalee_par_nom text CHECK (length(signalee_par_nom) BETWEEN 1 AND 200),
    ADD COLUMN moyen_signalement text CHECK (moyen_signalement IN ('telephone', 'accueil', 'courriel', 'carnet'));
