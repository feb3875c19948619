-- Access rules and access log (RGPD).

-- Region administrators (the collectivité's ENT staff): they run the instance, and by default see no pupil's data.
CREATE TABLE administrateur_region (
    personne_id  uuid PRIMARY KEY REFERENCES personne (id),
    cree_le      timestamptz NOT NULL DEFAULT now()
);

-- One row per read or change of a pupil's personal data through the API. No foreign keys: the log outlives the persons
-- and établissements it names until its purge, and an INSERT must stay cheap.
CREATE TABLE journal_acces (
    id                bigserial PRIMARY KEY,
    le                timestamptz NOT NULL DEFAULT now(),
    personne_id       uuid,
    client_id         text CHECK (length(client_id) BETWEEN 1 AND 200),
    eleve_id          uuid NOT NULL,
    etablissement_id  uuid,
    domaine           text NOT NULL CHECK (domaine IN ('travail_scolaire', 'vie_scolaire', 'sante', 'messages', 'identite')),
    action            text NOT NULL CHECK (action IN ('lecture', 'modification')),
    quoi              text NOT NULL CHECK (length(quoi) BETWEEN 1 AND 100),
    adresse           inet,
    CHECK (personne_id IS NOT NULL OR client_id IS NOT NULL)
);
CREATE INDEX journal_acces_eleve_ix ON journal_acces (eleve_id, le);
CREATE INDEX journal_acces_etablissement_ix ON journal_acces (etablissement_id, le);
CREATE INDEX journal_acces_le_ix ON journal_acces (le);

-- Append-only for the application: no UPDATE ever, no DELETE or TRUNCATE except through purger_journal_acces. This
-- guards against mistakes in the application's code, not against the database's owner (who can drop the trigger).
CREATE FUNCTION journal_acces_ajout_seul() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('ent.purge_journal', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Le journal des accès est en ajout seul : % refusé.', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'Seule la purge (purger_journal_acces) supprime des lignes.';
END $$;

CREATE TRIGGER journal_acces_ajout_seul BEFORE UPDATE OR DELETE ON journal_acces
    FOR EACH ROW EXECUTE FUNCTION journal_acces_ajout_seul();
CREATE TRIGGER journal_acces_sans_truncate BEFORE TRUNCATE ON journal_acces
    FOR EACH STATEMENT EXECUTE FUNCTION journal_acces_ajout_seul();

-- Deletes the rows older than the given instant; the setting lets the trigger through for this transaction only.
CREATE FUNCTION purger_journal_acces(avant timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    supprimees bigint;
BEGIN
    PERFORM set_config('ent.purge_journal', 'on', true);
    DELETE FROM identite.journal_acces WHERE le < avant;
    GET DIAGNOSTICS supprimees = ROW_COUNT;
    PERFORM set_config('ent.purge_journal', 'off', true);
    RETURN supprimees;
END $$;
