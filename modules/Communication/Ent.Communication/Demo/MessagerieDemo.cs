using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>
/// Two conversations of the demo's first family (parent.001) with their child's teachers, dated from the clock (a few
/// days ago, yesterday): the inbox is never empty on a demo. Seeded once: nothing when parent.001 already has one.
/// </summary>
internal sealed class MessagerieDemo(IAnnuaire annuaire, IRelationsPedagogiques relations, TimeProvider clock) : IDemoData
{
    public int Order => 35;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct);
        var parent = DemoIds.Of("compte", "parent.001");
        var enfants = await annuaire.ListerEnfantsAsync(parent, ct);
        var enfant = enfants.Count > 0 ? enfants[0] : null;
        if (etablissement is null || enfant is null)
        {
            return;
        }

        var enseignants = (await relations.EnseignantsDesElevesAsync([enfant.Id], ct)).OrderBy(e => e.EnseignantId).Take(2).ToList();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (enseignants.Count == 0 || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM communication.participant WHERE personne_id = @parent)", new { parent }, tx, cancellationToken: ct)))
        {
            return;
        }

        var maintenant = clock.GetUtcNow();
        var echanges = new List<(Guid Enseignant, string Sujet, (bool DuParent, string Texte, TimeSpan Il)[] Messages)>
        {
            (enseignants[0].EnseignantId, $"Devoir de {enfant.Prenom}", [
                (true, $"Bonjour, {enfant.Prenom} était malade lundi et n'a pas pu noter le devoir. Pouvez-vous me dire ce qui est à faire ? Merci.",
                    TimeSpan.FromDays(3)),
                (false, "Bonjour, le devoir est dans le cahier de textes : exercices 4 et 5 page 112. Bon rétablissement !",
                    TimeSpan.FromDays(3) - TimeSpan.FromHours(2)),
            ]),
        };
        if (enseignants.Count > 1)
        {
            echanges.Add((enseignants[1].EnseignantId, "Rendez-vous", [
                (false, $"Bonjour, je souhaiterais vous rencontrer au sujet de {enfant.Prenom}. Êtes-vous disponible jeudi après 17 h ? " +
                        "Voir aussi https://www.education.gouv.fr/", TimeSpan.FromDays(1)),
            ]));
        }

        foreach (var (enseignant, sujet, messages) in echanges)
        {
            var conversation = Guid.CreateVersion7();
            var premier = maintenant - messages[0].Il;
            var dernier = maintenant - messages[^1].Il;
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO communication.conversation (id, etablissement_id, sujet, cree_par, cree_le, dernier_message_le)
                VALUES (@conversation, @etablissementId, @sujet, @auteur, @premier, @dernier);
                INSERT INTO communication.participant (conversation_id, personne_id, lu_jusqua) VALUES
                    (@conversation, @parent, @luParent), (@conversation, @enseignant, @dernier);
                """, new
            {
                conversation, etablissementId = etablissement.Id, sujet, auteur = messages[0].DuParent ? parent : enseignant, premier, dernier,
                parent, enseignant,
                // The teacher's latest answer is unread: the demo shows what a new message looks like.
                luParent = messages[^1].DuParent ? dernier : (DateTimeOffset?)null,
            }, tx, cancellationToken: ct));
            foreach (var (duParent, texte, il) in messages)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO communication.message (id, conversation_id, auteur_id, texte, envoye_le, envoi_id)
                    VALUES (@id, @conversation, @auteur, @texte, @le, @id)
                    """, new { id = Guid.CreateVersion7(), conversation, auteur = duParent ? parent : enseignant, texte, le = maintenant - il },
                    tx, cancellationToken: ct));
            }
        }

        await tx.CommitAsync(ct);
    }
}
