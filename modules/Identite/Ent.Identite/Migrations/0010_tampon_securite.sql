-- The account's security stamp: the login session (cookie) carries the value it had when it opened, and is refused
-- once it differs. It changes whenever what proves the person's identity changes — password (change or reset by
-- code), second factor (enabled, disabled, replaced) — and when the account stops being active. A trigger rather
-- than each endpoint: no way of changing these columns (today's endpoints, tomorrow's, a manual UPDATE by an
-- administrator) can forget it.
ALTER TABLE compte ADD COLUMN tampon_securite uuid NOT NULL DEFAULT gen_random_uuid();

CREATE FUNCTION compte_nouveau_tampon() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.mot_de_passe_hash IS DISTINCT FROM OLD.mot_de_passe_hash
       OR NEW.secret_mfa IS DISTINCT FROM OLD.secret_mfa
       OR NEW.mfa_confirme_le IS DISTINCT FROM OLD.mfa_confirme_le
       OR NEW.etat IS DISTINCT FROM OLD.etat THEN
        NEW.tampon_securite := gen_random_uuid();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER compte_nouveau_tampon BEFORE UPDATE ON compte
    FOR EACH ROW EXECUTE FUNCTION compte_nouveau_tampon();
