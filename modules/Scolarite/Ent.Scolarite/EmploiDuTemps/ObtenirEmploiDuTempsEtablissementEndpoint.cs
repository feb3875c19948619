using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A class, group or room to pick.</summary>
/// <param name="Code">What the query names (class or group code, room name).</param>
/// <param name="Libelle">As shown.</param>
internal sealed record ChoixEmploiDuTemps(string Code, string Libelle);

/// <summary>A teacher to pick.</summary>
internal sealed record EnseignantEmploiDuTemps(Guid Id, string Nom);

/// <summary>An établissement's timetable of a class, a group, a room or a teacher.</summary>
/// <param name="Du">First day shown.</param>
/// <param name="Au">Last day shown.</param>
/// <param name="Classes">The year's classes.</param>
/// <param name="Groupes">The year's groups (staff only: empty for a teacher).</param>
/// <param name="Salles">The rooms of the timetable.</param>
/// <param name="Enseignants">The établissement's teachers (staff only).</param>
/// <param name="Cours">The lessons of what was asked, by start (none when nothing was asked).</param>
internal sealed record EmploiDuTempsEtablissement(
    DateOnly Du, DateOnly Au, IReadOnlyList<ChoixEmploiDuTemps> Classes, IReadOnlyList<ChoixEmploiDuTemps> Groupes, IReadOnlyList<string> Salles,
    IReadOnlyList<EnseignantEmploiDuTemps> Enseignants, IReadOnlyList<VueCours> Cours);

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/emploi-du-temps?classe=|groupe=|salle=|enseignant=&amp;du=&amp;au= — the
/// timetable of one class (its lessons and its pupils' groups' lessons), group, room or teacher, with the lists to pick
/// from. For the établissement's staff who run the day (vie scolaire desk, direction, local administrators). Its
/// teachers may read a class's or a room's timetable (to see a class's week before setting a test, to find a free
/// room): lessons name no pupil. Groups and colleagues' timetables stay with the staff, since a group's timetable
/// next to a pupil's says which group the pupil is in. Anyone else gets 404.
/// </summary>
internal static class ObtenirEmploiDuTempsEtablissementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/emploi-du-temps", Handle)
        .WithName("ObtenirEmploiDuTempsEtablissement")
        .WithSummary("L'emploi du temps d'une classe, d'un groupe, d'une salle ou d'un enseignant de l'établissement, du … au ….")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string EnseigneIciSql = """
        SELECT EXISTS (
            SELECT 1 FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            WHERE s.enseignant_id = @personneId AND coalesce(c.etablissement_id, g.etablissement_id) = @etablissementId
              AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee)
        """;

    private const string ClassesSql = """
        SELECT code, libelle FROM scolarite.classe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee ORDER BY code
        """;

    private const string GroupesSql = """
        SELECT code, libelle FROM scolarite.groupe WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee ORDER BY code
        """;

    private const string SallesSql = """
        SELECT DISTINCT salle FROM scolarite.creneau
        WHERE etablissement_id = @etablissementId AND salle IS NOT NULL AND valide_du <= @au AND valide_au >= @du ORDER BY salle
        """;

    // A class's week: its own services and those of the groups its pupils are in (a language group, an option).
    private const string ServicesClasseSql = """
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee AND c.code = @code
        UNION
        SELECT s.id FROM scolarite.service_enseignement s
        WHERE s.groupe_id IN (
            SELECT ig.groupe_id FROM scolarite.inscription_groupe ig
            JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
            JOIN scolarite.classe c ON c.id = ic.classe_id
            WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee AND c.code = @code)
        """;

    private const string ServicesGroupeSql = """
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee AND g.code = @code
        """;

    private static async Task<Results<Ok<EmploiDuTempsEtablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? classe, string? groupe, string? salle, Guid? enseignant, DateOnly? du, DateOnly? au, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IEmploiDuTemps emploiDuTemps, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (premier, dernier, invalide) = VuesEmploiDuTemps.Jours(du, au, clock);
        if (invalide is not null)
        {
            return invalide;
        }

        var demandes = new object?[] { classe, groupe, salle, enseignant }.Count(d => d is not null);
        if (demandes > 1)
        {
            return new Erreurs().Add("classe", "Demandez une seule chose à la fois : une classe, un groupe, une salle ou un enseignant.").ToProblem();
        }

        var (etablissement, uaiInvalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (uaiInvalide is not null)
        {
            return uaiInvalide;
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable($"Aucun établissement d'UAI {Uai.Normalize(uai)} ne vous est ouvert.");
        if (etablissement is null)
        {
            return introuvable;
        }

        var annee = AnneeScolaire.Courante(clock);
        await using var conn = await db.OpenConnectionAsync(ct);
        var parametres = new { etablissementId = etablissement.Id, annee, personneId, du = premier, au = dernier };
        var personnel = await regles.PeutSuivreVieScolaireAsync(personneId, etablissement.Id, ct)
                        || await regles.PeutAdministrerAsync(personneId, etablissement.Id, ct);
        if (!personnel)
        {
            var enseigne = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EnseigneIciSql, parametres, cancellationToken: ct));
            // A teacher: classes and rooms, and their own timetable; not groups, not a colleague's.
            if (!enseigne || groupe is not null || (enseignant is { } e && e != personneId))
            {
                return introuvable;
            }
        }

        var classes = (await conn.QueryAsync<ChoixEmploiDuTemps>(new CommandDefinition(ClassesSql, parametres, cancellationToken: ct))).AsList();
        var groupes = personnel
            ? (await conn.QueryAsync<ChoixEmploiDuTemps>(new CommandDefinition(GroupesSql, parametres, cancellationToken: ct))).AsList()
            : [];
        var salles = (await conn.QueryAsync<string>(new CommandDefinition(SallesSql, parametres, cancellationToken: ct))).AsList();
        var enseignants = personnel
            ? (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct)).Select(p => new EnseignantEmploiDuTemps(p.Id, VuesEmploiDuTemps.Nom(p))).ToList()
            : [];

        IReadOnlyList<CoursPlanifie> cours = [];
        if (classe is not null || groupe is not null)
        {
            var code = (classe ?? groupe)!.Trim().ToUpperInvariant();
            var connus = classe is not null ? classes : groupes;
            if (!connus.Any(c => c.Code == code))
            {
                return Problemes.Introuvable(classe is not null ? $"Aucune classe {code} cette année." : $"Aucun groupe {code} cette année.");
            }

            var services = (await conn.QueryAsync<Guid>(new CommandDefinition(classe is not null ? ServicesClasseSql : ServicesGroupeSql,
                new { etablissementId = etablissement.Id, annee, code }, cancellationToken: ct))).ToArray();
            cours = services.Length == 0 ? [] : await emploiDuTemps.DesServicesAsync(services, premier, dernier, ct);
        }
        else if (salle is not null)
        {
            cours = [.. (await emploiDuTemps.DeLEtablissementAsync(etablissement.Id, premier, dernier, ct))
                .Where(c => string.Equals(c.Salle, salle.Trim(), StringComparison.OrdinalIgnoreCase))];
        }
        else if (enseignant is { } enseignantId)
        {
            var siens = await emploiDuTemps.DeLEnseignantAsync(enseignantId, premier, dernier, ct);
            var ici = await VuesEmploiDuTemps.ServicesAsync(conn, siens.Select(c => c.ServiceId), ct);
            cours = [.. siens.Where(c => ici.TryGetValue(c.ServiceId, out var s) && s.EtablissementId == etablissement.Id)];
        }

        return TypedResults.Ok(new EmploiDuTempsEtablissement(premier, dernier, classes, groupes, salles, enseignants,
            await VuesEmploiDuTemps.DecrireAsync(cours, conn, annuaire, ct)));
    }
}
