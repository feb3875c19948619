-- iCal feeds: a person's private calendar address (/ical/{jeton}.ics) that their phone's calendar subscribes to. The
-- address carries a random token shown once; only its SHA-256 is kept, so a copy of the database gives no working
-- address. One live feed per person and purpose (usage): creating another revokes the previous one. A revoked feed is
-- kept (revoque_le) for the person's list and the logs; the token no longer opens anything.
CREATE TABLE flux_ical (
    id               uuid PRIMARY KEY,
    personne_id      uuid NOT NULL,
    usage            text NOT NULL CHECK (usage IN ('emploi-du-temps')),
    jeton_sha256     bytea NOT NULL UNIQUE CHECK (length(jeton_sha256) = 32),
    cree_le          timestamptz NOT NULL,
    derniere_lecture timestamptz,
    revoque_le       timestamptz
);
CREATE UNIQUE INDEX flux_ical_actif_uk ON flux_ical (personne_id, usage) WHERE revoque_le IS NULL;
CREATE INDEX flux_ical_personne_ix ON flux_ical (personne_id, cree_le DESC);
