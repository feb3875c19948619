-- The timetable moved to Scolarité (scolarite.creneau, its migration 0004 copied these rows, and modules migrate in
-- registration order: Scolarité before VieScolaire). The roll call now reads lessons through Scolarité's
-- IEmploiDuTemps and keeps only its own viescolaire.appel.
DROP TABLE IF EXISTS creneau;
