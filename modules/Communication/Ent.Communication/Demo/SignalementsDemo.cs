using System.Text.Json;
using Dapper;
using Ent.Communication.Signalements;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>
/// The demo lycée's report forms (issue 17): the three ready models, offered to its families and pupils, made by the
/// head; and one report, parent.001's « problème dans les locaux » about eleve.001, taken in hand by the head yesterday.
/// Dated from the clock (any day of the year). Written once: a restart adds nothing; no notification is queued.
/// </summary>
internal sealed class SignalementsDemo(IAnnuaire annuaire, TimeProvider clock) : IDemoData
{
    public int Order => 33;

    private const string FormulaireSql = """
        INSERT INTO communication.formulaire_signalement (id, etablissement_id, modele, titre, description, champs, destinataires, confidentiel, cree_par, cree_le, cle_demo)
        VALUES (@id, @etablissementId, @modele, @titre, @description, @champs::jsonb, @destinataires, @confidentiel, @direction, @creeLe, @cle)
        ON CONFLICT (cle_demo) DO NOTHING
        """;

    private const string DossierSql = """
        INSERT INTO communication.dossier_signalement
            (id, formulaire_id, etablissement_id, eleve_id, depose_par, profil, titre, destinataires, confidentiel, reponses, etat, depose_le, modifie_le, cle_demo)
        VALUES (@id, @formulaireId, @etablissementId, @eleve, @parent, 'responsable', @titre, @destinataires, false, @reponses::jsonb, 'repondu', @deposeLe, @reponduLe, @cle)
        ON CONFLICT (cle_demo) DO NOTHING;
        INSERT INTO communication.dossier_signalement_message (id, dossier_id, auteur_id, texte, etat, envoye_le)
        SELECT m.* FROM (VALUES
            (@m1, @id, @parent, NULL::text, 'recu', @deposeLe),
            (@m2, @id, @direction, 'Merci pour votre signalement : l''agent d''entretien passe demain matin réparer le radiateur.', 'repondu', @reponduLe)
        ) AS m (id, dossier_id, auteur_id, texte, etat, envoye_le)
        WHERE NOT EXISTS (SELECT 1 FROM communication.dossier_signalement_message x WHERE x.id = m.id);
        """;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var direction = DemoIds.Of("compte", "direction");
        var maintenant = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var m in ReglesSignalement.Modeles)
        {
            await conn.ExecuteAsync(new CommandDefinition(FormulaireSql, new
            {
                id = DemoIds.Of("formulaire-signalement", m.Modele), etablissementId = etablissement.Id, modele = m.Modele, titre = m.Titre,
                description = m.Description, champs = JsonSerializer.Serialize(m.Champs, ReglesSignalement.Json), destinataires = m.Destinataires,
                confidentiel = m.Confidentiel, direction, creeLe = maintenant.AddDays(-30), cle = $"formulaire-signalement:{m.Modele}",
            }, tx, cancellationToken: ct));
        }

        var locaux = ReglesSignalement.Modeles.Single(m => m.Modele == "locaux");
        ReponseSignalement[] reponses =
        [
            new("c1", locaux.Champs[0].Libelle, "texte", "Salle B12, au premier étage", null),
            new("c2", locaux.Champs[1].Libelle, "choix", "Chauffage", null),
            new("c3", locaux.Champs[2].Libelle, "texte", "Le radiateur ne chauffe plus depuis lundi ; les élèves gardent leur manteau en cours.", null),
            new("c4", locaux.Champs[3].Libelle, "fichier", null, null),
        ];
        await conn.ExecuteAsync(new CommandDefinition(DossierSql, new
        {
            id = DemoIds.Of("dossier-signalement", "locaux-parent.001"), formulaireId = DemoIds.Of("formulaire-signalement", "locaux"),
            etablissementId = etablissement.Id, eleve = DemoIds.Of("compte", "eleve.001"), parent = DemoIds.Of("compte", "parent.001"), titre = locaux.Titre,
            destinataires = locaux.Destinataires, reponses = JsonSerializer.Serialize(reponses, ReglesSignalement.Json),
            deposeLe = maintenant.AddDays(-2), reponduLe = maintenant.AddDays(-1), cle = "dossier-signalement:locaux-parent.001", direction,
            m1 = DemoIds.Of("message-signalement", "locaux-1"), m2 = DemoIds.Of("message-signalement", "locaux-2"),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
