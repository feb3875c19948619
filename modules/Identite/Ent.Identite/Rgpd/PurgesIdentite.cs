using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.Rgpd;

/// <summary>
/// A purge that is one batched « DELETE … WHERE id IN (SELECT … LIMIT 1000) » against a limit computed from the instant:
/// the short-lived security records of the connection server and the directory imports' history.
/// </summary>
internal sealed class PurgeParRequete(EntDatabase db, string nom, string duree, string sql, Func<DateTimeOffset, object> parametres) : IPurgeRetention
{
    public string Nom => nom;

    public string Duree => duree;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db.DataSource, sql, parametres(maintenant), ct);
}

internal static class PurgesIdentite
{
    /// <summary>Tokens and withdrawn consents stay this long after they stopped being usable (an incident's inquiry).</summary>
    public const int JoursJetonsOidc = 14;

    public static void Ajouter(IServiceCollection services)
    {
        void Purge(string nom, string duree, string sql, Func<DateTimeOffset, object> parametres) =>
            services.AddSingleton<IPurgeRetention>(sp => new PurgeParRequete(sp.GetRequiredService<EntDatabase>(), nom, duree, sql, parametres));

        Purge("identite.tentative_connexion", "1 an (données de connexion) ; le blocage n'en lit que quelques heures", """
            DELETE FROM identite.tentative_connexion WHERE id IN (
                SELECT id FROM identite.tentative_connexion WHERE le < @limite LIMIT 1000)
            """, m => new { limite = m.AddYears(-1) });
        Purge("identite.demande_oubli", "1 jour (la limite par adresse compte l'heure passée)", """
            DELETE FROM identite.demande_oubli WHERE id IN (
                SELECT id FROM identite.demande_oubli WHERE le < @limite LIMIT 1000)
            """, m => new { limite = m.AddDays(-1) });
        Purge("identite.code_reinitialisation", "7 jours après son expiration ou son usage", """
            DELETE FROM identite.code_reinitialisation WHERE id IN (
                SELECT id FROM identite.code_reinitialisation WHERE least(expire_le, coalesce(utilise_le, expire_le)) < @limite LIMIT 1000)
            """, m => new { limite = m.AddDays(-7) });
        Purge("identite.changement_contact", "7 jours après l'expiration du code (l'ancienne adresse a été prévenue)", """
            DELETE FROM identite.changement_contact WHERE id IN (
                SELECT id FROM identite.changement_contact WHERE expire_le < @limite LIMIT 1000)
            """, m => new { limite = m.AddDays(-7) });
        Purge("identite.code_activation", "30 jours après son usage, son remplacement ou son expiration (3 mois)", """
            DELETE FROM identite.code_activation WHERE id IN (
                SELECT id FROM identite.code_activation WHERE least(expire_le, coalesce(utilise_le, expire_le), coalesce(remplace_le, expire_le)) < @limite LIMIT 1000)
            """, m => new { limite = m.AddDays(-30) });
        Purge("identite.appareil", "1 an après sa dernière utilisation", """
            DELETE FROM identite.appareil WHERE id IN (
                SELECT id FROM identite.appareil WHERE dernier_vu < @limite LIMIT 1000)
            """, m => new { limite = m.AddYears(-1) });
        // The directory imports' history: the school year and the next. Rejected entries and per-établissement results
        // first (they hang on the import), in the same statement.
        Purge("identite.import_aaf", "l'année scolaire de l'import et la suivante : effacé à la rentrée d'après (1er septembre)", """
            WITH anciens AS (SELECT id FROM identite.import_aaf WHERE cree_le < @limite AND etat NOT IN ('en_attente', 'en_cours') LIMIT 1000),
                 rejets AS (DELETE FROM identite.import_aaf_rejet WHERE import_id IN (SELECT id FROM anciens)),
                 resultats AS (DELETE FROM identite.import_aaf_etablissement WHERE import_id IN (SELECT id FROM anciens))
            DELETE FROM identite.import_aaf WHERE id IN (SELECT id FROM anciens)
            """, m => new { limite = PurgeParLots.DebutRentree(m, 1) });
        // OpenIddict's tokens: once expired, redeemed or revoked they serve nothing; kept 14 days for an inquiry.
        Purge("identite.oidc_jeton", $"{JoursJetonsOidc} jours après son expiration, son usage ou sa révocation", """
            DELETE FROM identite.oidc_jeton WHERE "Id" IN (
                SELECT "Id" FROM identite.oidc_jeton
                WHERE "ExpirationDate" < @limite OR ("Status" <> 'valid' AND coalesce("RedemptionDate", "CreationDate") < @limite)
                LIMIT 1000)
            """, m => new { limite = m.AddDays(-JoursJetonsOidc) });
        // A consent withdrawn (or an ad-hoc authorization whose tokens are all gone) after the same 14 days.
        Purge("identite.oidc_autorisation", $"jusqu'à son retrait ; retirée, {JoursJetonsOidc} jours", """
            DELETE FROM identite.oidc_autorisation WHERE "Id" IN (
                SELECT "Id" FROM identite.oidc_autorisation a
                WHERE "CreationDate" < @limite
                  AND ("Status" <> 'valid' OR "Type" = 'ad-hoc')
                  AND NOT EXISTS (SELECT 1 FROM identite.oidc_jeton j WHERE j."AuthorizationId" = a."Id")
                LIMIT 1000)
            """, m => new { limite = m.AddDays(-JoursJetonsOidc) });
    }
}
