using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Rgpd;
using Ent.VieScolaire.Sante;
using Npgsql;

namespace Ent.VieScolaire.Rgpd;

/// <summary>
/// A pupil's health record in their RGPD export (section « sante »): the PAI with its document, and the infirmary visits
/// kept — only when the person who asked may read it (a legal guardian; the pupil themself from 15 years old), as the
/// record's own page. Nothing for anyone else, nothing for a person who is not a pupil.
/// </summary>
internal sealed class ContributionSante(NpgsqlDataSource db, IReglesAcces regles, CleSante cle) : IContributionExport
{
    public string Section => "sante";

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        if (!sujet.EstEleve || !await regles.PeutLireAsync(sujet.DemandeurId, sujet.PersonneId, Domaine.Sante, ct))
        {
            return;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var pai = await LectureSante.PaiAsync(conn, cle, sujet.PersonneId, ct);
        var passages = await LectureSante.PassagesAsync(conn, cle, sujet.PersonneId, DateTimeOffset.MinValue, ct);
        await dossier.EcrireJsonAsync("pai.json", (object?)pai ?? new Dictionary<string, object?>(), ct);
        await dossier.EcrireJsonAsync("passages-infirmerie.json", passages, ct);
        var document = false;
        if (pai?.Document is { } doc)
        {
            var contenu = await conn.ExecuteScalarAsync<byte[]>(new CommandDefinition(
                "SELECT contenu FROM viescolaire.pai_document WHERE eleve_id = @eleve", new { eleve = sujet.PersonneId }, cancellationToken: ct));
            if (contenu is not null)
            {
                var extension = doc.TypeContenu switch { "application/pdf" => "pdf", "image/png" => "png", _ => "jpg" };
                await using var flux = new MemoryStream(cle.DechiffrerOctets(contenu, sujet.PersonneId), writable: false);
                await dossier.EcrireFichierAsync($"pai.{extension}", flux, ct);
                document = true;
            }
        }

        dossier.Resumer("Santé scolaire", [
            pai is null ? "Pas de PAI (projet d'accueil individualisé)." : $"Un PAI{(document ? ", avec son document signé" : string.Empty)}.",
            $"{passages.Count} passage(s) à l'infirmerie (l'année scolaire en cours et la précédente).",
        ]);
    }
}
