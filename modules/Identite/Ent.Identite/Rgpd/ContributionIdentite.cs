using Dapper;
using Ent.Identite.Oidc;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;

namespace Ent.Identite.Rgpd;

/// <summary>
/// Identité's share of an export (section « identite »): the person (civil status, contacts), their account (never its
/// password or second-factor secrets), their établissements and profiles, their family links, their external identities
/// (EduConnect), and, for one's own export only, their remembered devices and the third-party applications they allowed.
/// </summary>
internal sealed class ContributionIdentite(EntDatabase db) : IContributionExport
{
    public string Section => "identite";

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var p = new { id = sujet.PersonneId, spa = ClientsOidc.Spa };
        var personne = await conn.QuerySingleAsync(new CommandDefinition("""
            SELECT id, civilite, prenom, nom, date_naissance, ine, email AS courriel, mobile, langue, cree_le
            FROM identite.personne WHERE id = @id
            """, p, cancellationToken: ct));
        var compte = await conn.QuerySingleOrDefaultAsync(new CommandDefinition("""
            SELECT identifiant, etat, cree_le, active_le, conditions_acceptees_le,
                   mfa_confirme_le IS NOT NULL AS double_authentification
            FROM identite.compte WHERE personne_id = @id
            """, p, cancellationToken: ct));
        var rattachements = (await conn.QueryAsync(new CommandDefinition("""
            SELECT e.uai, e.nom AS etablissement, r.profil, r.fonction
            FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
            WHERE r.personne_id = @id ORDER BY e.nom, r.profil
            """, p, cancellationToken: ct))).AsList();
        // Both directions: a pupil's guardians, a guardian's children.
        var liens = (await conn.QueryAsync(new CommandDefinition("""
            SELECT CASE WHEN l.eleve_id = @id THEN 'responsable' ELSE 'enfant' END AS relation,
                   o.prenom, o.nom, l.lien, l.legal, l.recoit_courrier, l.recoit_notifications, l.contact_prioritaire
            FROM identite.lien_responsable l
            JOIN identite.personne o ON o.id = CASE WHEN l.eleve_id = @id THEN l.responsable_id ELSE l.eleve_id END
            WHERE l.eleve_id = @id OR l.responsable_id = @id
            ORDER BY relation, o.nom, o.prenom
            """, p, cancellationToken: ct))).AsList();
        var externes = (await conn.QueryAsync(new CommandDefinition("""
            SELECT x.fournisseur, x.lie_le FROM identite.identite_externe x JOIN identite.compte c ON c.id = x.compte_id
            WHERE c.personne_id = @id ORDER BY x.lie_le
            """, p, cancellationToken: ct))).AsList();
        await dossier.EcrireJsonAsync("personne.json", new Dictionary<string, object?>
        {
            ["personne"] = personne,
            ["compte"] = compte,
            ["rattachements"] = rattachements,
            ["liens"] = liens,
            ["identitesExternes"] = externes,
        }, ct);

        var lignes = new List<string>
        {
            $"Identité : {personne.prenom} {personne.nom}" + (personne.date_naissance is DateTime n ? $", né(e) le {n:dd/MM/yyyy}" : "") + ".",
            compte is null ? "Aucun compte." : $"Compte « {compte.identifiant} » ({compte.etat}).",
            $"{rattachements.Count} rattachement(s) à un établissement, {liens.Count} lien(s) familial(aux).",
        };

        if (sujet.Soi)
        {
            var appareils = (await conn.QueryAsync(new CommandDefinition("""
                SELECT libelle, premier_vu, dernier_vu FROM identite.appareil WHERE personne_id = @id ORDER BY dernier_vu DESC
                """, p, cancellationToken: ct))).AsList();
            var applications = (await conn.QueryAsync(new CommandDefinition("""
                SELECT coalesce(a."DisplayName", a."ClientId") AS application, z."CreationDate" AS accordee_le, z."Status" AS etat, z."Scopes" AS portees
                FROM identite.oidc_autorisation z JOIN identite.oidc_application a ON a."Id" = z."ApplicationId"
                WHERE z."Subject" = @id::text AND a."ClientId" <> @spa ORDER BY z."CreationDate"
                """, p, cancellationToken: ct))).AsList();
            await dossier.EcrireJsonAsync("appareils.json", appareils, ct);
            await dossier.EcrireJsonAsync("applications.json", applications, ct);
            lignes.Add($"{appareils.Count} appareil(s) mémorisé(s), {applications.Count} autorisation(s) donnée(s) à des applications tierces.");
        }

        dossier.Resumer("Identité et compte", lignes);
    }
}
