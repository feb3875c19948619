-- Announcements are corrected and withdrawn (issue #16). A withdrawn announcement is kept, not deleted: its recipients'
-- rows hold who read and confirmed it, which stays on record (a school may have to show that a family was told); it
-- simply leaves every family's list at once. « modifiee_le » tells the families a text they may have read has changed.
ALTER TABLE annonce
    ADD COLUMN modifiee_le  timestamptz,
    ADD COLUMN retiree_le   timestamptz,
    ADD COLUMN retiree_par  uuid,
    ADD CHECK ((retiree_le IS NULL) = (retiree_par IS NULL));
