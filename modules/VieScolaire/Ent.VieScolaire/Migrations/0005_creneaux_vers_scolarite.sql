-- The timetable moved to Scolarité (its migration 0004 copied these rows; modules migrate in registration order,
-- Scolarité before VieScolaire). The roll call now reads lessons through Scolarité's IEmploiDuTemps and keeps only its
-- own roll calls (appel).
DROP TABLE IF EXISTS creneau;
