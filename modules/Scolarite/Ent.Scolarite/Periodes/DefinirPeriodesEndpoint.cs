using System.Globalization;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/periodes — the administrators set the current school year's periods: three
/// trimesters or two semesters, in order, without overlap, within 1 September–31 August. A period keeps its id (and the
/// assessments, appraisals and report cards that refer to it) when its number is kept; one that already holds such
/// data cannot be removed.
/// </summary>
internal static class DefinirPeriodesEndpoint
{
    /// <summary>How the current school year is divided.</summary>
    /// <param name="Decoupage">trimestre (three periods) or semestre (two periods).</param>
    /// <param name="Periodes">The periods' dates in order: the first is the 1er trimestre or 1er semestre.</param>
    internal sealed record DecoupageAnnee(string Decoupage, DatesPeriode[] Periodes);

    /// <summary>The dates of one period.</summary>
    /// <param name="Debut">First day, from 1 September of the school year.</param>
    /// <param name="Fin">Last day, until 31 August of the school year.</param>
    internal sealed record DatesPeriode(DateOnly Debut, DateOnly Fin);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/periodes", Handle)
        .WithName("DefinirPeriodes")
        .WithSummary("Définit les périodes (trois trimestres ou deux semestres) de l'année scolaire en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private sealed record Existante(Guid Id, string Decoupage, short Numero, bool Utilisee);

    // Locks the year's periods: two administrators saving at once are applied one after the other.
    private const string ExistantesSql = """
        SELECT p.id, p.decoupage, p.numero,
               EXISTS (SELECT 1 FROM scolarite.evaluation e WHERE e.periode_id = p.id)
               OR EXISTS (SELECT 1 FROM scolarite.appreciation a WHERE a.periode_id = p.id)
               OR EXISTS (SELECT 1 FROM scolarite.conseil_classe c WHERE c.periode_id = p.id) AS utilisee
        FROM scolarite.periode p
        WHERE p.etablissement_id = @etablissementId AND p.annee_scolaire = @annee
        ORDER BY p.numero
        FOR UPDATE OF p
        """;

    private const string SupprimerSql = """
        DELETE FROM scolarite.periode
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee AND numero > @nombre
        """;

    // By number: a kept period keeps its id and its publication date; only its dates (and découpage) change.
    private const string EnregistrerSql = """
        INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin)
        VALUES (@Id, @EtablissementId, @Annee, @Decoupage, @Numero, @Debut, @Fin)
        ON CONFLICT (etablissement_id, annee_scolaire, numero)
        DO UPDATE SET decoupage = excluded.decoupage, debut = excluded.debut, fin = excluded.fin
        """;

    private static async Task<Results<Ok<PeriodeScolaire[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DecoupageAnnee demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        var annee = AnneeScolaire.Courante(clock);
        var erreurs = Valider(demande, annee);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var existantes = await conn.QueryAsync<Existante>(new CommandDefinition(ExistantesSql,
            new { etablissementId = etablissement.Id, annee }, tx, cancellationToken: ct));
        if (existantes.FirstOrDefault(p => p.Numero > demande.Periodes.Length && p.Utilisee) is { } utilisee)
        {
            return Problemes.Conflit($"Le {Periode.Libeller(utilisee.Decoupage, utilisee.Numero)} a déjà des évaluations, " +
                                     "des appréciations ou des avis du conseil de classe : il ne peut pas être supprimé.");
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition(SupprimerSql,
                new { etablissementId = etablissement.Id, annee, nombre = demande.Periodes.Length }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(EnregistrerSql, demande.Periodes.Select((p, i) => new
            {
                Id = Guid.CreateVersion7(), EtablissementId = etablissement.Id, Annee = annee, demande.Decoupage, Numero = (short)(i + 1),
                p.Debut, p.Fin,
            }), tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // Data written since the check (or by a module this endpoint does not know) still refers to a removed period.
            return Problemes.Conflit("Une période à supprimer est déjà utilisée : elle ne peut pas être supprimée.");
        }

        var periodes = await PeriodeScolaire.ListerAsync(conn, etablissement.Id, annee, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(periodes);
    }

    private static Erreurs Valider(DecoupageAnnee demande, string annee)
    {
        var erreurs = new Erreurs();
        int? nombre = demande.Decoupage switch
        {
            PeriodeScolaire.Trimestre => 3,
            PeriodeScolaire.Semestre => 2,
            _ => null,
        };
        erreurs.Require(nombre is not null, "decoupage", "Choisissez le découpage de l'année : « trimestre » ou « semestre ».");
        if (demande.Periodes is null)
        {
            return erreurs.Add("periodes", "Indiquez les dates des périodes, dans l'ordre.");
        }

        if (nombre is { } attendu && demande.Periodes.Length != attendu)
        {
            return erreurs.Add("periodes", attendu == 3
                ? "Une année découpée en trimestres compte 3 périodes."
                : "Une année découpée en semestres compte 2 périodes.");
        }

        if (demande.Periodes.Length > 3)
        {
            return erreurs.Add("periodes", "Une année compte au plus 3 périodes.");
        }

        var (premierJour, dernierJour) = AnneeScolaire.Bornes(annee);
        var hors = $"La période doit tenir dans l'année scolaire {annee}, du 1er septembre {premierJour.Year} au 31 août {dernierJour.Year}.";
        DatesPeriode? precedente = null;
        for (var i = 0; i < demande.Periodes.Length; i++)
        {
            var periode = demande.Periodes[i];
            if (periode is null)
            {
                erreurs.Add($"periodes[{i}]", "Indiquez le début et la fin de la période.");
                continue;
            }

            erreurs
                .Require(periode.Debut >= premierJour && periode.Debut <= dernierJour, $"periodes[{i}].debut", hors)
                .Require(periode.Fin >= premierJour && periode.Fin <= dernierJour, $"periodes[{i}].fin", hors)
                .Require(periode.Fin >= periode.Debut, $"periodes[{i}].fin", "La période ne peut pas finir avant de commencer.")
                .Require(precedente is null || periode.Debut > precedente.Fin, $"periodes[{i}].debut",
                    $"La période commence le {Date(periode.Debut)}, avant la fin de la précédente ({Date(precedente?.Fin)}) : " +
                    "les périodes se suivent dans l'ordre sans se chevaucher.");
            precedente = periode;
        }

        return erreurs;
    }

    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    private static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Francais) ?? string.Empty;
}
