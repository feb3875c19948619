using Dapper;
using Ent.Identite.EduConnect;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>
/// Who an EduConnect person is among the demo lycée's accounts: matched on what the directory holds (INE, national
/// pupil id + UAI, guardians of the pupils named), never created; and the link kept after the first sign-in.
/// </summary>
public sealed class CorrespondanceEduConnectTests(EntApp app, EduConnectStub stub)
    : IClassFixture<EntApp>, IClassFixture<EduConnectStub>
{
    private const string Uai = "0750000A";

    private CorrespondanceEduConnect Correspondance => app.Services.GetRequiredService<CorrespondanceEduConnect>();

    private IdentitesExternes Liens => app.Services.GetRequiredService<IdentitesExternes>();

    private sealed record Gens(Guid CompteId, Guid PersonneId, string Nom, string Prenom, string? Ine, string? EleveIdNational);

    private async Task<Gens> CompteAsync(string identifiant)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.QuerySingleAsync<Gens>("""
            SELECT c.id AS compte_id, p.id AS personne_id, p.nom, p.prenom, p.ine, p.eleve_id_national
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.identifiant = @identifiant
            """, new { identifiant });
    }

    /// <summary>The guardian's vectors as EduConnect would release them: one per child, built from the directory.</summary>
    private async Task<string[]> VecteursDesEnfantsAsync(string identifiantResponsable)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return [.. await conn.QueryAsync<string>("""
            SELECT '1|' || e.nom || '|' || e.prenom || '|' || e.eleve_id_national || '|' || et.uai
            FROM identite.compte c
            JOIN identite.lien_responsable l ON l.responsable_id = c.personne_id
            JOIN identite.personne e ON e.id = l.eleve_id
            JOIN identite.rattachement r ON r.personne_id = e.id AND r.profil = 'eleve'
            JOIN identite.etablissement et ON et.id = r.etablissement_id
            WHERE c.identifiant = @identifiantResponsable
            ORDER BY e.eleve_id_national
            """, new { identifiantResponsable })];
    }

    private static PersonneEduConnect Personne(string affiliation, string? nom, string? prenom, string? ine = null, params string[] vecteurs) =>
        new("sujet-" + Guid.NewGuid().ToString("N"), "ec-1", affiliation, nom, prenom, ine, null,
            [.. vecteurs.Select(v => Vecteur.TryParse(v, out var p) ? p : throw new ArgumentException(v))]);

    private Task<IReadOnlyList<CandidatEduConnect>> TrouverAsync(PersonneEduConnect personne) =>
        Correspondance.TrouverAsync(personne, CancellationToken.None);

    [Fact]
    public async Task The_demo_pupils_have_a_deterministic_national_id()
    {
        Assert.Equal("9000001", (await CompteAsync("eleve.001")).EleveIdNational);
        Assert.Equal("9000120", (await CompteAsync("eleve.120")).EleveIdNational);
        Assert.Null((await CompteAsync("parent.001")).EleveIdNational);
    }

    [Fact]
    public async Task A_guardian_of_two_children_is_found_through_both()
    {
        var parent = await CompteAsync("parent.001");
        var vecteurs = await VecteursDesEnfantsAsync("parent.001");
        Assert.Equal(2, vecteurs.Length);

        var candidats = await TrouverAsync(Personne("resp2d", parent.Nom, parent.Prenom, null, vecteurs));

        var candidat = Assert.Single(candidats);
        Assert.Equal(parent.CompteId, candidat.CompteId);
        Assert.Equal("responsable", candidat.Profil);
        Assert.Equal($"{parent.Prenom} {parent.Nom}", candidat.NomAffiche);
        var enfants = new[] { await CompteAsync("eleve.001"), await CompteAsync("eleve.061") };
        Assert.Equal(enfants.Select(e => $"responsable_de:{e.PersonneId}").Order(StringComparer.Ordinal), candidat.Motifs);
    }

    [Fact]
    public async Task A_guardian_s_name_is_compared_without_case_accents_or_spacing()
    {
        var parent = await CompteAsync("parent.001");
        var vecteurs = await VecteursDesEnfantsAsync("parent.001");

        var candidats = await TrouverAsync(Personne("resp2d", $"  {parent.Nom.ToUpperInvariant()} ", parent.Prenom.ToUpperInvariant().Replace("E", "É", StringComparison.Ordinal), null, vecteurs));

        Assert.Equal(parent.CompteId, Assert.Single(candidats).CompteId);
    }

    [Fact]
    public async Task The_other_guardian_of_the_same_children_is_told_apart_by_name()
    {
        var autre = await CompteAsync("parent.002");
        var vecteurs = await VecteursDesEnfantsAsync("parent.001");

        var candidats = await TrouverAsync(Personne("resp2d", autre.Nom, autre.Prenom, null, vecteurs));

        Assert.Equal(autre.CompteId, Assert.Single(candidats).CompteId);
    }

    [Fact]
    public async Task A_guardian_whose_name_is_not_among_the_pupils_guardians_matches_nobody()
    {
        var vecteurs = await VecteursDesEnfantsAsync("parent.001");

        Assert.Empty(await TrouverAsync(Personne("resp2d", "Inconnu", "Personne", null, vecteurs)));
    }

    [Fact]
    public async Task A_pupil_is_found_by_ine()
    {
        var eleve = await CompteAsync("eleve.001");

        var candidat = Assert.Single(await TrouverAsync(Personne("eleve2d", "x", "y", eleve.Ine)));

        Assert.Equal(eleve.CompteId, candidat.CompteId);
        Assert.Equal("eleve", candidat.Profil);
        Assert.Equal(["ine"], candidat.Motifs);
    }

    [Fact]
    public async Task A_pupil_is_found_by_national_id_and_uai_and_both_reasons_make_one_candidate()
    {
        var eleve = await CompteAsync("eleve.061");
        var vecteur = $"4|{eleve.Nom}|{eleve.Prenom}|{eleve.EleveIdNational}|{Uai}";

        var parIdentifiant = Assert.Single(await TrouverAsync(Personne("eleve2d", eleve.Nom, eleve.Prenom, null, vecteur)));
        var parLesDeux = Assert.Single(await TrouverAsync(Personne("eleve2d", eleve.Nom, eleve.Prenom, eleve.Ine, vecteur)));

        Assert.Equal(eleve.CompteId, parIdentifiant.CompteId);
        Assert.Equal(["eleve_id+uai"], parIdentifiant.Motifs);
        Assert.Equal(["eleve_id+uai", "ine"], parLesDeux.Motifs);
    }

    [Fact]
    public async Task A_national_id_in_another_etablissement_matches_nobody()
    {
        var eleve = await CompteAsync("eleve.002");

        Assert.Empty(await TrouverAsync(Personne("eleve2d", eleve.Nom, eleve.Prenom, null, $"4|{eleve.Nom}|{eleve.Prenom}|{eleve.EleveIdNational}|0930000B")));
        Assert.Empty(await TrouverAsync(Personne("resp2d", "Michel", "Philippe", null, $"1|x|y|{eleve.EleveIdNational}|0930000B")));
    }

    [Fact]
    public async Task An_unknown_person_matches_nobody()
    {
        Assert.Empty(await TrouverAsync(Personne("eleve2d", "Inconnu", "Élève", "0999999999Z", "4|Inconnu|Élève|1234567|0750000A")));
        Assert.Empty(await TrouverAsync(Personne("resp2d", "Inconnu", "Parent", null, "1|Inconnu|Élève|1234567|0750000A")));
        Assert.Empty(await TrouverAsync(Personne("resp2d", "Inconnu", "Parent")));
    }

    [Fact]
    public async Task A_pupil_s_identifiers_do_not_make_a_guardian_nor_the_reverse()
    {
        var eleve = await CompteAsync("eleve.001");
        var parent = await CompteAsync("parent.001");

        // An affiliation other than pupil or guardian (a teacher's, say) is never matched here.
        Assert.Empty(await TrouverAsync(Personne("ens2d", eleve.Nom, eleve.Prenom, eleve.Ine)));
        // A guardian's vectors name children: a pupil path needs profil 3–4 vectors or an INE.
        Assert.Empty(await TrouverAsync(Personne("eleve2d", parent.Nom, parent.Prenom, null, await VecteursDesEnfantsAsync("parent.001"))));
    }

    [Fact]
    public async Task A_person_matching_two_accounts_gets_both_as_candidates()
    {
        // A duplicate of eleve.003's first guardian (same person entered twice, with a second account): both match.
        var vecteurs = await VecteursDesEnfantsAsync("parent.004");
        var original = await CompteAsync("parent.004");
        var doublonCompte = Guid.NewGuid();
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            var personneId = Guid.NewGuid();
            await conn.ExecuteAsync("""
                INSERT INTO identite.personne (id, nom, prenom) VALUES (@personneId, upper(@Nom), @Prenom);
                INSERT INTO identite.compte (id, personne_id, identifiant) VALUES (@doublonCompte, @personneId, 'parent.004.doublon');
                INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien)
                SELECT @personneId, eleve_id, 'autre' FROM identite.lien_responsable WHERE responsable_id = @OriginalPersonneId;
                """, new { personneId, original.Nom, original.Prenom, doublonCompte, OriginalPersonneId = original.PersonneId });
        }

        var candidats = await TrouverAsync(Personne("resp2d", original.Nom, original.Prenom, null, vecteurs));

        Assert.Equal(new[] { original.CompteId, doublonCompte }.Order(), candidats.Select(c => c.CompteId).Order());
        Assert.All(candidats, c => Assert.Equal("responsable", c.Profil));
    }

    [Fact]
    public async Task A_blocked_account_is_not_offered()
    {
        var eleve = await CompteAsync("eleve.090");
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("UPDATE identite.compte SET etat = 'bloque' WHERE id = @CompteId", eleve);
        }

        Assert.Empty(await TrouverAsync(Personne("eleve2d", eleve.Nom, eleve.Prenom, eleve.Ine)));
    }

    [Fact]
    public async Task A_subject_is_linked_once_found_again_and_never_moved_to_another_account()
    {
        var compte = (await CompteAsync("parent.010")).CompteId;
        var autre = (await CompteAsync("parent.011")).CompteId;
        var sujet = "sujet-" + Guid.NewGuid().ToString("N");
        var ct = CancellationToken.None;

        Assert.Null(await Liens.TrouverCompteAsync(IdentitesExternes.EduConnect, sujet, ct));
        Assert.Equal(ResultatLiaison.Liee, await Liens.LierAsync(IdentitesExternes.EduConnect, sujet, compte, new { frEduCtId = "ec-10" }, ct));
        Assert.Equal(compte, await Liens.TrouverCompteAsync(IdentitesExternes.EduConnect, sujet, ct));
        Assert.Equal(ResultatLiaison.DejaLiee, await Liens.LierAsync(IdentitesExternes.EduConnect, sujet, compte, new { }, ct));
        Assert.Equal(ResultatLiaison.SujetLieAUnAutreCompte, await Liens.LierAsync(IdentitesExternes.EduConnect, sujet, autre, new { }, ct));
        Assert.Equal(compte, await Liens.TrouverCompteAsync(IdentitesExternes.EduConnect, sujet, ct));
        Assert.Null(await Liens.TrouverCompteAsync("autre-fournisseur", sujet, ct));
    }

    [Fact]
    public async Task A_linked_account_cannot_be_taken_by_another_subject_and_an_unknown_account_is_refused()
    {
        var compte = (await CompteAsync("parent.012")).CompteId;
        var ct = CancellationToken.None;
        await Liens.LierAsync(IdentitesExternes.EduConnect, "premier-" + Guid.NewGuid(), compte, new { }, ct);

        Assert.Equal(ResultatLiaison.CompteLieAUnAutreSujet,
            await Liens.LierAsync(IdentitesExternes.EduConnect, "second-" + Guid.NewGuid(), compte, new { }, ct));
        Assert.Equal(ResultatLiaison.CompteIntrouvable,
            await Liens.LierAsync(IdentitesExternes.EduConnect, "troisieme-" + Guid.NewGuid(), Guid.NewGuid(), new { }, ct));
    }

    [Fact]
    public async Task The_identifiers_used_to_match_are_stored_with_the_link()
    {
        var parent = await CompteAsync("parent.013");
        var personne = Personne("resp2d", parent.Nom, parent.Prenom, null, await VecteursDesEnfantsAsync("parent.013"));

        await Liens.LierAsync(IdentitesExternes.EduConnect, personne.Sujet, parent.CompteId, personne.Identifiants, CancellationToken.None);

        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var stocke = await conn.QuerySingleAsync<string>(
            "SELECT identifiants::text FROM identite.identite_externe WHERE fournisseur = 'educonnect' AND sujet = @Sujet", personne);
        Assert.Contains("\"affiliation\": \"resp2d\"", stocke, StringComparison.Ordinal);
        Assert.Contains("\"frEduCtId\": \"ec-1\"", stocke, StringComparison.Ordinal);
        Assert.Contains($"|{personne.Vecteurs[0].EleveId}|", stocke, StringComparison.Ordinal);
    }

    /// <summary>The whole chain the sign-in flow will run: stub's id_token → validation → claims → candidates → link.</summary>
    [Fact]
    public async Task An_id_token_from_the_stand_in_leads_to_parent_001_and_its_link()
    {
        var parent = await CompteAsync("parent.001");
        var code = stub.EmettreCode(new PersonneEduConnectTest("ec-sujet-parent-001", "resp2d", parent.Nom.ToUpperInvariant(), parent.Prenom,
            Vecteurs: await VecteursDesEnfantsAsync("parent.001")), "nonce-e2e");
        using var http = new HttpClient();
        var jetons = await (await http.PostAsync(stub.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = stub.ClientId, ["client_secret"] = stub.ClientSecret,
        }))).ReadJsonAsync();
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync((string)jetons["id_token"]!, new TokenValidationParameters
        {
            ValidIssuer = stub.Authority,
            ValidAudience = stub.ClientId,
            IssuerSigningKeys = new JsonWebKeySet(await http.GetStringAsync(stub.JwksUri)).GetSigningKeys(),
        });
        Assert.True(validation.IsValid);

        var personne = EduConnectClaims.Lire(validation.ClaimsIdentity.Claims);
        var candidat = Assert.Single(await TrouverAsync(personne));
        var resultat = await Liens.LierAsync(IdentitesExternes.EduConnect, personne.Sujet, candidat.CompteId, personne.Identifiants, CancellationToken.None);

        Assert.Equal(parent.CompteId, candidat.CompteId);
        Assert.Equal(ResultatLiaison.Liee, resultat);
        Assert.Equal(parent.CompteId, await Liens.TrouverCompteAsync(IdentitesExternes.EduConnect, "ec-sujet-parent-001", CancellationToken.None));
    }
}
