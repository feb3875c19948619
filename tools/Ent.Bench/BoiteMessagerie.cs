using Dapper;
using Npgsql;

namespace Ent.Bench;

/// <summary>
/// Scenario m's data (issue 16): the region's seed has no messages, so each chosen guardian without any gets an inbox as a
/// busy family's looks after a term — 20 conversations with their child's teachers, 3 messages each (the teacher's last
/// one unread in one conversation out of four), spread over the last 60 days. Written once: a guardian who already has a
/// conversation is left as they are.
/// </summary>
internal static class BoiteMessagerie
{
    public const int Conversations = 20;

    private const string EquipesSql = """
        SELECT DISTINCT ON (x.responsable_id) x.responsable_id, c.etablissement_id, array_agg(DISTINCT s.enseignant_id) AS enseignants
        FROM unnest(@parents, @eleves) AS x(responsable_id, eleve_id)
        JOIN scolarite.inscription_classe i ON i.eleve_id = x.eleve_id
        JOIN scolarite.classe c ON c.id = i.classe_id
        JOIN scolarite.service_enseignement s ON s.classe_id = c.id
        WHERE NOT EXISTS (SELECT 1 FROM communication.participant p WHERE p.personne_id = x.responsable_id)
        GROUP BY x.responsable_id, c.etablissement_id
        ORDER BY x.responsable_id
        """;

    private const string EcrireSql = """
        INSERT INTO communication.conversation (id, etablissement_id, sujet, cree_par, cree_le, dernier_message_le)
        SELECT * FROM unnest(@cIds, @cEtablissements, @cSujets, @cAuteurs, @cDebuts, @cFins);
        INSERT INTO communication.participant (conversation_id, personne_id, lu_jusqua)
        SELECT * FROM unnest(@pConversations, @pPersonnes, @pLus);
        INSERT INTO communication.message (id, conversation_id, auteur_id, texte, envoye_le, envoi_id)
        SELECT i, c, a, t, e, i FROM unnest(@mIds, @mConversations, @mAuteurs, @mTextes, @mLe) AS x(i, c, a, t, e);
        """;

    private static readonly string[] Sujets =
    [
        "Devoir de mathématiques", "Absence de lundi", "Rendez-vous parents-professeurs", "Sortie au musée", "Cahier oublié",
        "Résultats du contrôle", "Orientation", "Retard du matin", "Matériel de SVT", "Voyage scolaire",
    ];

    // A class: Dapper hands uuid[] to constructors and tuples as System.Array.
    private sealed class Equipe
    {
        public Guid ResponsableId { get; init; }

        public Guid EtablissementId { get; init; }

        public Guid[] Enseignants { get; init; } = [];
    }

    public static async Task<int> PreparerAsync(NpgsqlConnection conn, IReadOnlyList<Choix.Parent> parents)
    {
        var equipes = (await conn.QueryAsync<Equipe>(EquipesSql,
            new { parents = parents.Select(p => p.PersonneId).ToArray(), eleves = parents.Select(p => p.EleveId).ToArray() }))
            .Select(e => (e.ResponsableId, e.EtablissementId, e.Enseignants)).ToList();
        if (equipes.Count == 0)
        {
            return 0;
        }

        var maintenant = DateTimeOffset.UtcNow;
        var (cIds, cEtablissements, cSujets, cAuteurs, cDebuts, cFins) = (new List<Guid>(), new List<Guid>(), new List<string>(), new List<Guid>(),
            new List<DateTimeOffset>(), new List<DateTimeOffset>());
        var (pConversations, pPersonnes, pLus) = (new List<Guid>(), new List<Guid>(), new List<DateTimeOffset>());
        var (mIds, mConversations, mAuteurs, mTextes, mLe) = (new List<Guid>(), new List<Guid>(), new List<Guid>(), new List<string>(), new List<DateTimeOffset>());
        foreach (var (parent, etablissement, enseignants) in equipes)
        {
            for (var n = 0; n < Conversations; n++)
            {
                var id = Guid.CreateVersion7();
                var enseignant = enseignants[n % enseignants.Length];
                var debut = maintenant.AddDays(-60 + n * 3).AddHours(n % 7);
                var messages = new[] { (parent, debut), (enseignant, debut.AddHours(3)), (n % 4 == 0 ? enseignant : parent, debut.AddDays(1)) };
                cIds.Add(id); cEtablissements.Add(etablissement); cSujets.Add(Sujets[n % Sujets.Length]); cAuteurs.Add(parent); cDebuts.Add(debut); cFins.Add(messages[^1].Item2);
                var dernierDuProf = messages[^1].Item1 == enseignant;
                pConversations.AddRange([id, id]); pPersonnes.AddRange([parent, enseignant]);
                pLus.AddRange([dernierDuProf ? messages[1].Item2 : messages[^1].Item2, dernierDuProf ? messages[^1].Item2 : messages[1].Item2]);
                foreach (var (auteur, le) in messages)
                {
                    mIds.Add(Guid.CreateVersion7()); mConversations.Add(id); mAuteurs.Add(auteur); mLe.Add(le);
                    mTextes.Add(auteur == parent
                        ? "Bonjour, pourriez-vous me dire ce qui a été vu en classe cette semaine ? Merci beaucoup, bonne journée."
                        : "Bonjour, tout est dans le cahier de textes ; n'hésitez pas à revenir vers moi si besoin. Cordialement.");
                }
            }
        }

        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync(new CommandDefinition(EcrireSql, new
        {
            cIds = cIds.ToArray(), cEtablissements = cEtablissements.ToArray(), cSujets = cSujets.ToArray(), cAuteurs = cAuteurs.ToArray(),
            cDebuts = cDebuts.ToArray(), cFins = cFins.ToArray(),
            pConversations = pConversations.ToArray(), pPersonnes = pPersonnes.ToArray(), pLus = pLus.ToArray(),
            mIds = mIds.ToArray(), mConversations = mConversations.ToArray(), mAuteurs = mAuteurs.ToArray(), mTextes = mTextes.ToArray(), mLe = mLe.ToArray(),
        }, tx, commandTimeout: 300));
        await tx.CommitAsync();
        await conn.ExecuteAsync("ANALYZE communication.conversation; ANALYZE communication.participant; ANALYZE communication.message;");
        return equipes.Count;
    }
}
