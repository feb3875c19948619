using Dapper;
using Ent.Communication.Audiences;
using Ent.Communication.Consentements;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Demo;

/// <summary>
/// A consent form of the demo lycée (issue 17), dated from the clock so that it makes sense any day of the year: prof.01
/// asks the families of Seconde 1 about a visit to the musée d'Orsay three weeks ahead, answers due in two weeks; a few
/// guardians have already signed (one refusal). Written once: a restart adds nothing; no notification is queued.
/// </summary>
internal sealed class ConsentementsDemo(IAnnuaire annuaire, IDivisions divisions, ResolutionAudience audiences, TimeProvider clock) : IDemoData
{
    public int Order => 32;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var id = DemoIds.Of("consentement", "orsay-2nde1");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM communication.consentement WHERE id = @id)", new { id },
                cancellationToken: ct)))
        {
            return;
        }

        var etablissement = await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct)
                            ?? throw new InvalidOperationException("Demo établissement missing: Identité seeds first.");
        var seconde1 = (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).FirstOrDefault(c => c.Code == "2NDE1");
        if (seconde1 is null)
        {
            return;
        }

        var cible = await audiences.ResoudreAsync(etablissement.Id, new Audience(false, [seconde1.Id], [], [ProfilsAudience.Familles]), ct);
        var maintenant = clock.GetUtcNow();
        // 9:00 to 16:00 Paris time, three weeks ahead; answers until the end of the day two weeks ahead.
        var jour = TimeZoneInfo.ConvertTime(maintenant, Consentement.Paris).Date.AddDays(21);
        DateTimeOffset Paris(DateTime local) => new DateTimeOffset(local, Consentement.Paris.GetUtcOffset(local)).ToUniversalTime();
        var consentement = new Consentement.Ligne(id, etablissement.Id, DemoIds.Of("compte", "prof.01"), "Sortie au musée d'Orsay",
            "Visite guidée des collections impressionnistes avec la classe, dans le cadre du programme de français et d'histoire des arts. "
            + "Départ en métro devant le lycée à 9 h, retour au lycée vers 16 h. Prévoir un pique-nique et un titre de transport.",
            "Musée d'Orsay, Paris 7e", Paris(jour.AddHours(9)), Paris(jour.AddHours(16)), 800, Paris(jour.AddDays(-7).AddHours(23).AddMinutes(59)),
            seconde1.Libelle, maintenant.AddDays(-2), null);

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO communication.consentement (id, etablissement_id, organisateur_id, titre, description, lieu, debut, fin, cout_centimes, date_limite,
                                                    divisions, divisions_libelle, cree_le)
            VALUES (@Id, @EtablissementId, @OrganisateurId, @Titre, @Description, @Lieu, @Debut, @Fin, @CoutCentimes, @DateLimite,
                    @divisions, @DivisionsLibelle, @CreeLe);
            INSERT INTO communication.consentement_famille (consentement_id, eleve_id, responsable_id, classe_code)
            SELECT @Id, f.eleve_id, f.responsable_id, f.classe_code FROM unnest(@eleves, @responsables, @classes) AS f (eleve_id, responsable_id, classe_code);
            """, new
        {
            consentement.Id, consentement.EtablissementId, consentement.OrganisateurId, consentement.Titre, consentement.Description, consentement.Lieu,
            consentement.Debut, consentement.Fin, consentement.CoutCentimes, consentement.DateLimite, divisions = new[] { seconde1.Id },
            consentement.DivisionsLibelle, consentement.CreeLe,
            eleves = cible.Familles.Select(f => f.EleveId).ToArray(),
            responsables = cible.Familles.Select(f => f.ResponsableId).ToArray(),
            classes = cible.Familles.Select(f => f.ClasseCode).ToArray(),
        }, tx, cancellationToken: ct));

        // The last four families of the class (by pupil id: the matrix's pupil, the first, stays without an answer):
        // three consents and one refusal, signed yesterday.
        var signes = cible.Familles.GroupBy(f => f.EleveId).OrderByDescending(g => g.Key).Take(4).Select(g => g.OrderBy(f => f.ResponsableId).First()).ToList();
        var noms = (await annuaire.TrouverPersonnesAsync([.. signes.SelectMany(f => new[] { f.EleveId, f.ResponsableId })], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        for (var i = 0; i < signes.Count; i++)
        {
            var (accord, f) = (i != 3, signes[i]);
            var nom = noms.GetValueOrDefault(f.ResponsableId, "?");
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO communication.consentement_reponse (consentement_id, eleve_id, responsable_id, accord, nom_signataire, signee_le, attestation)
                VALUES (@id, @eleve, @responsable, @accord, @nom, @le, @attestation)
                """, new
            {
                id, eleve = f.EleveId, responsable = f.ResponsableId, accord, nom, le = maintenant.AddDays(-1).AddMinutes(i * 17),
                attestation = Consentement.Attestation(nom, noms.GetValueOrDefault(f.EleveId, "?"), accord, consentement),
            }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }
}
