using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>A guardian asked for a pupil, and their answer in force (none yet: Accord null).</summary>
/// <param name="Id">The guardian.</param>
/// <param name="Nom">« Prénom Nom ».</param>
/// <param name="Accord">True: consents; false: refuses; null: has not answered.</param>
/// <param name="SigneeLe">When they signed their answer in force.</param>
/// <param name="Attestation">The statement they certified, word for word.</param>
internal sealed record ReponseResponsable(Guid Id, string Nom, bool? Accord, DateTimeOffset? SigneeLe, string? Attestation);

/// <summary>A pupil asked: their class, their standing (en_attente, accorde, refuse) and each guardian's answer.</summary>
internal sealed record EleveConsentement(Guid EleveId, string Eleve, string? Classe, string Statut, ReponseResponsable[] Responsables);

/// <summary>A form's follow-up as its organiser sees it, pupil by pupil (by class, then name).</summary>
/// <param name="Id">The form.</param>
/// <param name="Titre">What.</param>
/// <param name="Description">Details.</param>
/// <param name="Lieu">Where.</param>
/// <param name="Debut">Start.</param>
/// <param name="Fin">End.</param>
/// <param name="CoutCentimes">Cost for a family, in euro cents.</param>
/// <param name="DateLimite">Answers accepted until then.</param>
/// <param name="Divisions">The classes and groups asked, in words.</param>
/// <param name="Organisateur">Who asked.</param>
/// <param name="RelanceLe">The last reminder, if any.</param>
/// <param name="Eleves">Pupils asked.</param>
/// <param name="Accordes">Pupils whose guardians consent.</param>
/// <param name="Refuses">Pupils a guardian refused.</param>
/// <param name="EnAttente">Pupils without any answer.</param>
/// <param name="Lignes">Pupil by pupil.</param>
/// <param name="PiecesJointes">The form's documents.</param>
internal sealed record SuiviConsentementVue(Guid Id, string Titre, string Description, string Lieu, DateTimeOffset Debut, DateTimeOffset Fin,
    int CoutCentimes, DateTimeOffset DateLimite, string Divisions, string Organisateur, DateTimeOffset? RelanceLe, int Eleves, int Accordes,
    int Refuses, int EnAttente, EleveConsentement[] Lignes, PieceJointeConsentement[] PiecesJointes);

/// <summary>Reads a form's per-pupil follow-up (the screen, the CSV and the PDF say the same thing).</summary>
internal static class SuiviConsentement
{
    // Each guardian asked, with their latest answer (the one in force).
    private const string Sql = """
        SELECT f.eleve_id, f.responsable_id, f.classe_code, r.accord, r.signee_le, r.attestation
        FROM communication.consentement_famille f
        LEFT JOIN LATERAL (
            SELECT accord, signee_le, attestation FROM communication.consentement_reponse x
            WHERE x.consentement_id = f.consentement_id AND x.eleve_id = f.eleve_id AND x.responsable_id = f.responsable_id
            ORDER BY x.id DESC LIMIT 1) r ON true
        WHERE f.consentement_id = @id
        """;

    private sealed record LigneFamille(Guid EleveId, Guid ResponsableId, string? ClasseCode, bool? Accord, DateTimeOffset? SigneeLe, string? Attestation);

    public static async Task<SuiviConsentementVue> ChargerAsync(NpgsqlConnection conn, IAnnuaire annuaire, Consentement.Ligne c, CancellationToken ct)
    {
        var lignes = (await conn.QueryAsync<LigneFamille>(new CommandDefinition(Sql, new { id = c.Id }, cancellationToken: ct))).AsList();
        var pieces = await StockageConsentements.DesConsentementsAsync(conn, [c.Id], ct);
        var noms = (await annuaire.TrouverPersonnesAsync([.. lignes.SelectMany(l => new[] { l.EleveId, l.ResponsableId }).Append(c.OrganisateurId).Distinct()], ct))
            .ToDictionary(p => p.Id, p => (Tri: $"{p.Nom} {p.Prenom}", Nom: $"{p.Prenom} {p.Nom}"));
        string Nom(Guid id) => noms.TryGetValue(id, out var n) ? n.Nom : "?";

        var eleves = lignes.GroupBy(l => l.EleveId)
            .Select(g => new EleveConsentement(g.Key, Nom(g.Key), g.First().ClasseCode, Consentement.Statut(g.Select(r => r.Accord)),
                [.. g.OrderBy(r => Nom(r.ResponsableId), StringComparer.CurrentCulture)
                    .Select(r => new ReponseResponsable(r.ResponsableId, Nom(r.ResponsableId), r.Accord, r.SigneeLe, r.Attestation))]))
            .OrderBy(e => e.Classe ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(e => noms.TryGetValue(e.EleveId, out var n) ? n.Tri : "?", StringComparer.CurrentCulture)
            .ToArray();
        return new SuiviConsentementVue(c.Id, c.Titre, c.Description, c.Lieu, c.Debut, c.Fin, c.CoutCentimes, c.DateLimite, c.DivisionsLibelle,
            Nom(c.OrganisateurId), c.RelanceLe, eleves.Length, eleves.Count(e => e.Statut == Consentement.Accorde),
            eleves.Count(e => e.Statut == Consentement.Refuse), eleves.Count(e => e.Statut == Consentement.EnAttente), eleves, [.. pieces[c.Id]]);
    }
}
