-- The timetable (emploi du temps): weekly slots per teaching service, the établissement's week A / week B calendar, and
-- the changes to given lessons (cancelled, moved, replaced, extra). A lesson is identified, here and by the roll call
-- (viescolaire.appel), by its service and its start instant. Times are Paris local time (time) on weekdays; a change's
-- instants are timestamptz.

-- A weekly slot of a teaching service: ISO weekday (1 = lundi), start and end (local time), room, alternation (null:
-- every week, 'A' or 'B': that week only) and the dates it is valid (inclusive): a timetable changes at the semester.
CREATE TABLE creneau (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL REFERENCES service_enseignement (id) ON DELETE CASCADE,
    jour              smallint NOT NULL CHECK (jour BETWEEN 1 AND 7),
    debut             time NOT NULL,
    fin               time NOT NULL CHECK (fin > debut),
    salle             text CHECK (length(salle) BETWEEN 1 AND 40),
    semaine           text CHECK (semaine IN ('A', 'B')),
    valide_du         date NOT NULL,
    valide_au         date NOT NULL CHECK (valide_au >= valide_du)
);
CREATE INDEX creneau_etablissement_ix ON creneau (etablissement_id, jour, debut);
CREATE INDEX creneau_service_ix ON creneau (service_id);
-- The same service cannot start twice at the same time of the same week kind from the same date.
CREATE UNIQUE INDEX creneau_uk ON creneau (service_id, jour, debut, coalesce(semaine, '-'), valide_du);

-- The week A / week B calendar: an établissement states the letter of some weeks (by their Monday); a week not stated
-- takes the opposite letter of the week before it, back to the last stated one (or to the school year's first week,
-- week A). Stating the week after the holidays is enough to keep the alternation right across them.
CREATE TABLE semaine_ab (
    etablissement_id  uuid NOT NULL,
    lundi             date NOT NULL CHECK (extract(isodow FROM lundi) = 1),
    semaine           text NOT NULL CHECK (semaine IN ('A', 'B')),
    PRIMARY KEY (etablissement_id, lundi)
);

-- A change to a lesson, entered by the vie scolaire desk or the direction:
--   annule   the timetabled lesson (service, debut_prevu) does not take place (teacher absent, outing…);
--   deplace  it takes place at another time (debut, fin) and/or in another room (salle);
--   remplace another teacher (remplacant_id) takes it, at the same or another time/room;
--   ajoute   an extra lesson of the service (debut_prevu null), at debut–fin, in salle.
-- One change per timetabled lesson: entering another replaces it. motif is shown to the families (« Professeur absent »).
CREATE TABLE modification_cours (
    id                uuid PRIMARY KEY,
    etablissement_id  uuid NOT NULL,
    service_id        uuid NOT NULL REFERENCES service_enseignement (id) ON DELETE CASCADE,
    nature            text NOT NULL CHECK (nature IN ('annule', 'deplace', 'remplace', 'ajoute')),
    debut_prevu       timestamptz,
    debut             timestamptz,
    fin               timestamptz,
    salle             text CHECK (length(salle) BETWEEN 1 AND 40),
    remplacant_id     uuid,
    motif             text CHECK (length(motif) BETWEEN 1 AND 200),
    saisi_par         uuid NOT NULL,
    saisi_le          timestamptz NOT NULL,
    CHECK ((nature = 'ajoute') = (debut_prevu IS NULL)),
    CHECK (nature = 'annule' OR (debut IS NOT NULL AND fin IS NOT NULL AND fin > debut)),
    CHECK ((nature = 'remplace') = (remplacant_id IS NOT NULL))
);
CREATE UNIQUE INDEX modification_cours_prevu_uk ON modification_cours (service_id, debut_prevu) WHERE debut_prevu IS NOT NULL;
CREATE INDEX modification_cours_etablissement_ix ON modification_cours (etablissement_id, coalesce(debut, debut_prevu));
CREATE INDEX modification_cours_service_ix ON modification_cours (service_id, coalesce(debut, debut_prevu));
CREATE INDEX modification_cours_remplacant_ix ON modification_cours (remplacant_id) WHERE remplacant_id IS NOT NULL;

-- The slots VieScolaire kept until now (a demo table) move here, valid for the school year they were entered in.
DO $$
BEGIN
    IF to_regclass('viescolaire.creneau') IS NOT NULL THEN
        INSERT INTO creneau (id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au)
        SELECT v.id, v.etablissement_id, v.service_id, v.jour, v.debut, v.fin, v.salle, NULL,
               make_date(substr(c.annee_scolaire, 1, 4)::int, 9, 1), make_date(substr(c.annee_scolaire, 6, 4)::int, 8, 31)
        FROM viescolaire.creneau v
        JOIN service_enseignement s ON s.id = v.service_id
        JOIN LATERAL (SELECT annee_scolaire FROM classe WHERE id = s.classe_id
                      UNION ALL SELECT annee_scolaire FROM groupe WHERE id = s.groupe_id) c ON true
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;
