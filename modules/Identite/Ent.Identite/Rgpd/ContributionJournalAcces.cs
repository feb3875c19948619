using Dapper;
using Ent.Identite.Acces;
using Ent.Identite.Oidc;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;

namespace Ent.Identite.Rgpd;

/// <summary>
/// The access log's share (section « journal-acces »): who read or changed the person's data, when and what (as the
/// guardians' view of the log shows it: what the pupil confided to the school alone stays out when a guardian asks), and,
/// in one's own export, the accesses the person made to pupils' data.
/// </summary>
internal sealed class ContributionJournalAcces(EntDatabase db) : IContributionExport
{
    public string Section => "journal-acces";

    private const string SqlSubis = $"""
        SELECT j.le, CASE WHEN q.qualite IS NOT NULL THEN p.prenom || ' ' || p.nom END AS qui,
               CASE WHEN j.personne_id IS NULL THEN 'application' ELSE coalesce(q.qualite, 'autre') END AS qualite,
               CASE WHEN j.client_id <> @spa THEN coalesce(a."DisplayName", j.client_id) END AS application,
               j.domaine, j.action, j.quoi
        FROM identite.journal_acces j
        LEFT JOIN identite.personne p ON p.id = j.personne_id
        {QualiteAcces.Lateral}
        LEFT JOIN identite.oidc_application a ON a."ClientId" = j.client_id
        WHERE j.eleve_id = @id AND (@soi OR NOT j.quoi = ANY(@reservees))
        ORDER BY j.le DESC, j.id DESC
        """;

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var subis = (await conn.QueryAsync(new CommandDefinition(SqlSubis, new
        {
            id = sujet.PersonneId, spa = ClientsOidc.Spa, soi = sujet.Soi, reservees = LibellesAcces.ReserveesALEleve,
        }, cancellationToken: ct))).AsList();
        await dossier.EcrireJsonAsync("acces-a-mes-donnees.json", subis, ct);
        var lignes = new List<string> { $"{subis.Count} lecture(s) ou modification(s) de ces données enregistrée(s) dans le journal des accès." };
        if (sujet.Soi)
        {
            var faits = (await conn.QueryAsync(new CommandDefinition("""
                SELECT j.le, e.prenom || ' ' || e.nom AS eleve, j.domaine, j.action, j.quoi, host(j.adresse) AS adresse
                FROM identite.journal_acces j LEFT JOIN identite.personne e ON e.id = j.eleve_id
                WHERE j.personne_id = @id AND j.eleve_id <> @id
                ORDER BY j.le DESC, j.id DESC
                """, new { id = sujet.PersonneId }, cancellationToken: ct))).AsList();
            await dossier.EcrireJsonAsync("mes-acces.json", faits, ct);
            lignes.Add($"{faits.Count} accès faits par vous aux données d'élèves.");
        }

        dossier.Resumer("Journal des accès", lignes);
    }
}
