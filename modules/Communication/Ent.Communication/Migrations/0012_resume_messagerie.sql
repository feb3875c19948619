-- Messaging, finished (issue 16). A person's choice for new messages: in the application always, and optionally an
-- e-mail digest of their unread messages once a day (18:00 Paris). Never SMS for messages: there is no column for it.
-- No row: no digest (the default).
CREATE TABLE preference_messagerie (
    personne_id      uuid PRIMARY KEY,
    resume_courriel  boolean NOT NULL,
    modifie_le       timestamptz NOT NULL
);

-- Attachments uploaded and never sent (the message was abandoned, the draft deleted) are purged a day after their
-- upload: the purge looks for the old ones first.
CREATE INDEX piece_jointe_depose_le_ix ON piece_jointe (depose_le);
