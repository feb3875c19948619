using System.Text;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/consentements/{id}/export.csv — the follow-up as a spreadsheet for the day of the outing: one
/// line per pupil and guardian (class, pupil, standing, guardian, answer, signed when). UTF-8 with a byte order mark and
/// « ; » separators, as French spreadsheets open it. Same readers as the follow-up; logged as a read.
/// </summary>
internal static class ExporterConsentementCsvEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/consentements/{id:guid}/export.csv", Handle)
        .WithName("ExporterConsentementCsv")
        .WithSummary("La liste d'une demande d'autorisation en CSV (une ligne par élève et responsable), pour le jour de la sortie.")
        .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var consentement = await Consentement.TrouverAsync(conn, regles, moi, id, ct);
        if (consentement is null)
        {
            return Problemes.Introuvable(Consentement.Introuvable(id));
        }

        var suivi = await SuiviConsentement.ChargerAsync(conn, annuaire, consentement, ct);
        await journal.NoterAsync(http, utilisateur, [.. suivi.Lignes.Select(l => l.EleveId)], Domaine.VieScolaire, ActionAcces.Lecture, "ExporterConsentement", ct);
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(suivi))).ToArray(), "text/csv; charset=utf-8",
            $"autorisations-{id:N}.csv");
    }

    internal static string Csv(SuiviConsentementVue suivi)
    {
        var csv = new StringBuilder();
        csv.Append("Classe;Élève;Autorisation;Responsable;Réponse;Signée le\r\n");
        foreach (var eleve in suivi.Lignes)
        {
            foreach (var r in eleve.Responsables)
            {
                Ligne(csv, eleve.Classe ?? "", eleve.Eleve, Libelle(eleve.Statut), r.Nom,
                    r.Accord switch { true => "oui", false => "non", null => "sans réponse" },
                    r.SigneeLe is { } le ? TimeZoneInfo.ConvertTime(le, Consentement.Paris).ToString("dd/MM/yyyy HH:mm") : "");
            }
        }

        return csv.ToString();
    }

    internal static string Libelle(string statut) => statut switch
    {
        Consentement.Accorde => "accordée",
        Consentement.Refuse => "refusée",
        _ => "en attente",
    };

    private static void Ligne(StringBuilder csv, params string[] champs)
    {
        csv.AppendJoin(';', champs.Select(Champ)).Append("\r\n");
    }

    // Quoted when needed; a leading = + - @ is defused so that a spreadsheet never runs a name as a formula.
    private static string Champ(string valeur)
    {
        if (valeur.Length > 0 && "=+-@\t\r".Contains(valeur[0], StringComparison.Ordinal))
        {
            valeur = "'" + valeur;
        }

        return valeur.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + valeur.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : valeur;
    }
}
