-- Reasons a family may give for an absence. The national list below is the default; établissements adapt it later.

CREATE TABLE motif_absence (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
    libelle  text NOT NULL,
    ordre    integer NOT NULL,
    actif    boolean NOT NULL DEFAULT true
);

INSERT INTO motif_absence (code, libelle, ordre) VALUES
    ('maladie', 'Maladie', 1),
    ('rendez_vous_medical', 'Rendez-vous médical', 2),
    ('raison_familiale', 'Raison familiale', 3),
    ('transport', 'Problème de transport', 4),
    ('convocation', 'Convocation officielle (examen, administration)', 5),
    ('autre', 'Autre motif (à préciser)', 6);
