-- « Rester connecté »: the device a kept login (persistent cookie) was opened on shows it in the devices list. The
-- account's stamp at that login is kept: the login holds only while the stamp is unchanged, so the list compares them
-- (a password change, « se déconnecter partout »… end it without touching this row). Null: no kept login there.
ALTER TABLE appareil ADD COLUMN connexion_memorisee_tampon uuid;
