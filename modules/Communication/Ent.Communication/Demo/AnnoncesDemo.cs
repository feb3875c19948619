using Dapper;
using Ent.Communication.Annonces;
using Ent.Communication.Audiences;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>
/// Three announcements of the demo lycée (issue #16), dated from the clock: the head's to every family and pupil, the
/// head's to the families of Seconde 1 asking them to confirm (a few have), prof.01's to Seconde 1's pupils and families.
/// Written once: a restart adds nothing. No notification is queued (the demo's families would be told of old news).
/// </summary>
internal sealed class AnnoncesDemo(IAnnuaire annuaire, IDivisions divisions, ResolutionAudience audiences, TimeProvider clock) : IDemoData
{
    public int Order => 31;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var classes = await divisions.DeLEtablissementAsync(etablissement.Id, ct);
        var seconde1 = classes.FirstOrDefault(c => c.Code == "2NDE1");
        if (seconde1 is null)
        {
            return;
        }

        var direction = DemoIds.Of("compte", "direction");
        var prof01 = DemoIds.Of("compte", "prof.01");
        var now = clock.GetUtcNow();
        (string Cle, Guid Auteur, string Titre, string Texte, Audience Audience, bool Accuse, DateTimeOffset Du, int Confirmees)[] annonces =
        [
            ("bienvenue", direction, "Rentrée : les informations utiles",
                "L'ENT rassemble les notes, les absences, l'emploi du temps et les annonces de l'établissement. "
                + "Pensez à vérifier vos coordonnées dans « Mon compte » : elles servent à vous prévenir en cas d'absence.",
                new Audience(true, null, null, [ProfilsAudience.Familles, ProfilsAudience.Eleves]), false, now.AddDays(-6), 0),
            ("sortie-2nde1", direction, "Sortie au musée d'Orsay — Seconde 1",
                "La classe de Seconde 1 visitera le musée d'Orsay dans trois semaines, de 9 h à 16 h. Le départ se fait devant "
                + "le lycée. Merci de confirmer que vous avez pris connaissance de cette sortie.",
                new Audience(false, [seconde1.Id], null, [ProfilsAudience.Familles]), true, now.AddDays(-2), 5),
            ("lecture-2nde1", prof01, "Lecture pour le prochain trimestre",
                "Procurez-vous « Les Misérables » (édition abrégée, collection classique) avant la fin du mois.",
                new Audience(false, [seconde1.Id], null, [ProfilsAudience.Familles, ProfilsAudience.Eleves]), false, now.AddDays(-1), 0),
        ];

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var a in annonces)
        {
            var id = DemoIds.Of("annonce", a.Cle);
            if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM communication.annonce WHERE id = @id)", new { id }, cancellationToken: ct)))
            {
                continue;
            }

            var cible = await audiences.ResoudreAsync(etablissement.Id, a.Audience, ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await PublierAnnonceEndpoint.EnregistrerAsync(conn, tx, new PublierAnnonceEndpoint.Publication(id, etablissement, a.Auteur, a.Titre, a.Texte,
                a.Audience, ResolutionAudience.Libelle(a.Audience, classes), a.Accuse, a.Du, null, a.Du, cible, [], Notifier: false), ct);
            // A few families have already confirmed: the follow-up shows both kinds.
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE communication.annonce_destinataire SET lue_le = @quand, confirmee_le = @quand
                WHERE annonce_id = @id AND personne_id IN (
                    SELECT responsable_id FROM communication.annonce_famille WHERE annonce_id = @id ORDER BY eleve_id, responsable_id LIMIT @n)
                """, new { id, n = a.Confirmees, quand = a.Du.AddHours(3) }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
    }
}
