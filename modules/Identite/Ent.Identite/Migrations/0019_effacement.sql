-- Retention (issue 18): a person whose right to an account ended more than three months ago (every profile withdrawn by
-- the directory) is erased: their account and its secrets, devices, links and profiles are deleted, and the person's row
-- keeps only its id — the other modules' records of past school years still name that id until their own purges —
-- with the day of the erasure.
ALTER TABLE personne ADD COLUMN efface_le timestamptz;
CREATE INDEX rattachement_retire_ix ON rattachement (retire_le) WHERE retire_le IS NOT NULL;
