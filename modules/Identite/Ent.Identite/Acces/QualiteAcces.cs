namespace Ent.Identite.Acces;

/// <summary>In what capacity the person of an access-log row (alias <c>j</c>) acted, shared by the two log lists.</summary>
internal static class QualiteAcces
{
    /// <summary>
    /// Adds <c>q.qualite</c>: eleve, responsable (of that pupil), their function or teacher profile in the row's
    /// établissement, administrateur_region, or null when the person is none of these.
    /// </summary>
    public const string Lateral = """
        LEFT JOIN LATERAL (
            SELECT coalesce(
                CASE WHEN j.personne_id = j.eleve_id THEN 'eleve' END,
                (SELECT 'responsable' FROM identite.lien_responsable l
                 WHERE l.responsable_id = j.personne_id AND l.eleve_id = j.eleve_id),
                (SELECT coalesce(r.fonction, r.profil) FROM identite.rattachement r
                 WHERE r.personne_id = j.personne_id AND r.etablissement_id = j.etablissement_id
                   AND r.profil IN ('personnel', 'enseignant')
                 ORDER BY r.profil DESC LIMIT 1),
                (SELECT 'administrateur_region' FROM identite.administrateur_region a WHERE a.personne_id = j.personne_id)
            ) AS qualite
        ) q ON true
        """;
}
