-- The GAR's affectation flux (issue 18): one row per établissement and day, claimed by the host that produces that
-- day's flux (the primary key decides: the other hosts find the row and skip it), with the outcome for the operators:
-- the file written, or why none was (the XSD validation's errors, a failure).
CREATE TABLE gar_flux (
    jour         date NOT NULL,
    uai          text NOT NULL CHECK (uai ~ '^[0-9]{7}[A-Z]$'),
    hote         text NOT NULL CHECK (length(hote) BETWEEN 1 AND 200),
    commence_le  timestamptz NOT NULL,
    termine_le   timestamptz,
    fichier      text CHECK (length(fichier) <= 300),
    erreur       text CHECK (length(erreur) <= 4000),
    PRIMARY KEY (jour, uai)
);
