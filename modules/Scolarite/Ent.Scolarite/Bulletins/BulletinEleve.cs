using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Annees;
using Ent.Scolarite.Conseils;
using Ent.Scolarite.Notes;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// Builds a pupil's report card for a period, after the access check shared by its three forms (JSON, HTML, PDF): the
/// access rules' TravailScolaire read, for the period's school year (a previous year's report card stays readable by
/// the family, not by a teacher: see AnneeEleve); for the family (the pupil, their legal guardians), only once the head has
/// published the period's report cards. Anyone else, and a family before publication, gets 404.
/// </summary>
internal static class BulletinEleve
{
    private const string AppreciationsSql = """
        SELECT service_id, texte FROM scolarite.appreciation WHERE eleve_id = @eleveId AND periode_id = @periodeId;
        SELECT appreciation_generale, decision FROM scolarite.conseil_classe WHERE eleve_id = @eleveId AND periode_id = @periodeId AND classe_id = @classeId;
        """;

    public static async Task<(Bulletin? Bulletin, ProblemHttpResult? Refus)> ChargerAsync(Guid eleveId, Guid periodeId, ICurrentUser utilisateur,
        IReglesAcces regles, IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return (null, Problemes.SansPersonne());
        }

        var introuvable = Problemes.Introuvable("Aucun bulletin ne correspond à cette adresse.");
        await using var conn = await db.OpenConnectionAsync(ct);
        // The period names the year; the class is the pupil's of that year.
        if (await AnneeEleve.DePeriodeAsync(conn, periodeId, ct) is not { } annee
            || !await AnneeEleve.PeutLireAsync(regles, personneId, eleveId, annee, clock, ct))
        {
            return (null, introuvable);
        }

        if (await ClasseEleve.TrouverAsync(conn, eleveId, annee, ct) is not { } classe
            || (await Periode.ListerAsync(conn, classe.EtablissementId, annee, ct)).FirstOrDefault(p => p.Id == periodeId) is not { } periode)
        {
            return (null, introuvable);
        }

        var maintenant = clock.GetUtcNow();
        if (!periode.BulletinsPublies(maintenant) && await EstFamilleAsync(annuaire, personneId, eleveId, ct))
        {
            return (null, Problemes.Introuvable("Le bulletin de cette période n'est pas encore publié par l'établissement."));
        }

        var releve = await ReleveClasse.ChargerAsync(conn, classe.EtablissementId, classe.Id, periode.Id, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct);
        Dictionary<Guid, string> appreciations;
        (string? Appreciation, string? Decision) conseil;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(AppreciationsSql,
                         new { eleveId, periodeId, classeId = classe.Id }, cancellationToken: ct)))
        {
            appreciations = (await lecture.ReadAsync<(Guid ServiceId, string Texte)>()).ToDictionary(a => a.ServiceId, a => a.Texte);
            conseil = await lecture.ReadSingleOrDefaultAsync<(string?, string?)>();
        }

        var services = releve.ServicesDe(eleveId).ToList();
        var personnes = (await annuaire.TrouverPersonnesAsync(services.Select(s => s.EnseignantId).Append(eleveId).Distinct().ToArray(), ct))
            .ToDictionary(p => p.Id);
        var etablissement = await annuaire.TrouverEtablissementAsync(classe.EtablissementId, ct);
        var lignes = services.Select(s =>
        {
            var stats = releve.StatsService(s.Id);
            var enseignant = personnes.TryGetValue(s.EnseignantId, out var p) ? $"{p.Prenom} {p.Nom}" : "";
            return new LigneBulletin(s.MatiereLibelle, enseignant, s.Coefficient, releve.Moyenne(eleveId, s.Id), stats.Moyenne, stats.Min, stats.Max,
                appreciations.GetValueOrDefault(s.Id));
        }).ToList();
        var generales = releve.StatsGenerales();
        var eleve = personnes.TryGetValue(eleveId, out var e) ? $"{e.Prenom} {e.Nom}" : "";
        return (new Bulletin(etablissement?.Nom ?? "", annee, periode.Libelle, periode.Debut, periode.Fin, eleve, classe.Libelle, lignes,
            releve.MoyenneGenerale(eleveId), generales.Moyenne, generales.Min, generales.Max, conseil.Appreciation,
            ConseilClasse.LibelleDecision(conseil.Decision), maintenant.UtcDateTime), null);
    }

    /// <summary>The pupil themself or one of their legal guardians.</summary>
    private static async Task<bool> EstFamilleAsync(IAnnuaire annuaire, Guid personneId, Guid eleveId, CancellationToken ct) =>
        personneId == eleveId || (await annuaire.ListerResponsablesLegauxAsync([eleveId], ct)).Any(r => r.ResponsableId == personneId);
}
