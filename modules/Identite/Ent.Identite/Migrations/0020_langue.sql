-- Issue 19: the language a person reads Ent in (French, English, Arabic). On the person, not the account: it goes with
-- the contacts (email, mobile) as how to reach them — a guardian without an activated account still gets notifications,
-- and other modules read it through IAnnuaire with the recipients. Everyone starts in French, the établissement's
-- language; only the person changes it (PUT /api/identite/me/langue).
ALTER TABLE personne ADD COLUMN langue text NOT NULL DEFAULT 'fr' CHECK (langue IN ('fr', 'en', 'ar'));
