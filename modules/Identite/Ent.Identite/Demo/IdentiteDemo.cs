using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Ent.Identite.Demo;

/// <summary>
/// The demo lycée's people: 120 pupils, their guardians (twenty families with two children at the school), twelve
/// teachers, a head, a CPE, a nurse, a local administrator of the ENT and a region administrator, each with an account whose login follows a pattern a newcomer can guess
/// (README lists them). Identifiers are derived from the login, so every module can find the same people again.
/// </summary>
internal sealed class IdentiteDemo : IDemoData
{
    public const int Eleves = 120;
    public const int Enseignants = 12;
    private const int Fratries = 20; // pupil i and pupil i + 60 are siblings for i ≤ 20

    public int Order => 0;

    private static readonly string[] Noms =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Diallo", "Nguyen", "Benali", "Traoré", "Haddad", "Da Silva", "Kowalski", "Cohen", "Lopez", "Mendy",
    ];

    private static readonly string[] PrenomsEleves =
    [
        "Léa", "Hugo", "Chloé", "Lucas", "Emma", "Nathan", "Inès", "Louis", "Jade", "Adam", "Manon", "Gabriel",
        "Camille", "Raphaël", "Sarah", "Arthur", "Lina", "Yanis", "Zoé", "Enzo", "Maëlys", "Mohamed", "Anaïs", "Tom",
        "Lou", "Noah", "Clara", "Théo", "Aya", "Sacha",
    ];

    private static readonly string[] PrenomsAdultes =
    [
        "Nathalie", "Philippe", "Isabelle", "Stéphane", "Sandrine", "Christophe", "Valérie", "Frédéric", "Karima",
        "Olivier", "Céline", "Laurent", "Fatima", "David", "Sophie", "Karim", "Aurélie", "Nicolas", "Linh", "Sébastien",
    ];

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM identite.etablissement WHERE uai = @Uai)", new { DemoLycee.Uai }, tx, cancellationToken: ct));
        if (exists)
        {
            return;
        }

        var etablissementId = DemoIds.Of("etablissement", DemoLycee.Uai);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.etablissement (id, uai, nom, academie, adresse, code_postal, commune)
            VALUES (@etablissementId, @Uai, @Nom, 'Paris', '12 rue de l''Exemple', '75011', 'Paris')
            """, new { etablissementId, DemoLycee.Uai, DemoLycee.Nom }, tx, cancellationToken: ct));

        // One hash for every demo account: PBKDF2 is slow on purpose, and these passwords are public anyway.
        var hash = new PasswordHasher<object>().HashPassword(new object(), DemoLycee.MotDePasse);
        var personnes = new List<Personne>();
        var rattachements = new List<object>();
        var liens = new List<object>();

        void Ajouter(Personne p, string profil, string? fonction = null)
        {
            personnes.Add(p);
            rattachements.Add(new { PersonneId = p.Id, etablissementId, profil, fonction });
        }

        Ajouter(Adulte("direction", "Garnier", "Hélène", 1), Profils.Personnel, Fonctions.Direction);
        Ajouter(Adulte("cpe", "Benali", "Karim", 2), Profils.Personnel, Fonctions.Cpe);
        Ajouter(Adulte("infirmerie", "Nguyen", "Linh", 3), Profils.Personnel, Fonctions.Infirmier);
        Ajouter(Adulte("admin.ent", "Perrin", "Sophie", 4), Profils.Personnel, Fonctions.AdministrateurLocal);
        // The region's administrator works for the collectivité, in no établissement: no profile, a row of its own.
        var region = Adulte("admin.region", "Lambert", "Olivier", 5);
        personnes.Add(region);
        for (var i = 1; i <= Enseignants; i++)
        {
            Ajouter(Adulte($"prof.{i:D2}", Noms[(i * 7) % Noms.Length], PrenomsAdultes[(i * 3) % PrenomsAdultes.Length], 10 + i), Profils.Enseignant);
        }

        var parent = 0;
        var familles = new Dictionary<int, (string Nom, List<Personne> Responsables)>();
        for (var i = 1; i <= Eleves; i++)
        {
            var famille = i > 60 && i - 60 <= Fratries ? i - 60 : i;
            if (!familles.TryGetValue(famille, out var f))
            {
                var nom = Noms[(famille * 13) % Noms.Length];
                var responsables = new List<Personne>();
                var nombre = famille % 5 == 0 ? 1 : 2; // one family in five has a single guardian
                for (var r = 0; r < nombre; r++)
                {
                    parent++;
                    var prenom = PrenomsAdultes[(famille + r * 7) % PrenomsAdultes.Length];
                    var responsable = Adulte($"parent.{parent:D3}", nom, prenom, 100 + parent);
                    responsables.Add(responsable);
                    Ajouter(responsable, Profils.Responsable);
                }

                familles[famille] = f = (nom, responsables);
            }

            var naissance = new DateOnly(2009 + (i % 3), 1 + (i % 12), 1 + (i % 28));
            var eleve = new Personne(DemoIds.Of("compte", $"eleve.{i:D3}"), f.Nom,
                PrenomsEleves[(i * 11 + i / 61) % PrenomsEleves.Length], // + i / 61: siblings (i, i + 60) get different first names
                naissance, $"{100000000 + i:D10}{(char)('A' + (i % 26))}", null, null, $"eleve.{i:D3}")
            {
                EleveIdNational = EleveIdNational(i),
            };
            Ajouter(eleve, Profils.Eleve);
            for (var r = 0; r < f.Responsables.Count; r++)
            {
                liens.Add(new
                {
                    ResponsableId = f.Responsables[r].Id,
                    EleveId = eleve.Id,
                    lien = f.Responsables.Count == 1 ? "tuteur" : r == 0 ? "mere" : "pere",
                    contactPrioritaire = r == 0,
                });
            }
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.personne (id, nom, prenom, date_naissance, ine, email, mobile, eleve_id_national)
            VALUES (@Id, @Nom, @Prenom, @DateNaissance, @Ine, @Email, @Mobile, @EleveIdNational)
            """, personnes.Select(p => new { p.Id, p.Nom, p.Prenom, DateNaissance = p.DateNaissance?.ToDateTime(TimeOnly.MinValue), p.Ine, p.Email, p.Mobile, p.EleveIdNational }),
            tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash)
            VALUES (@CompteId, @Id, @Identifiant, @hash)
            """, personnes.Select(p => new { CompteId = DemoIds.Of("compte-id", p.Identifiant), p.Id, p.Identifiant, hash }),
            tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction)
            VALUES (@PersonneId, @etablissementId, @profil, @fonction)
            """, rattachements, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien, contact_prioritaire)
            VALUES (@ResponsableId, @EleveId, @lien, @contactPrioritaire)
            """, liens, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("INSERT INTO identite.administrateur_region (personne_id) VALUES (@Id)",
            new { region.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The demo pupil's national identifier, as EduConnect's vectors would name it: derived from the pupil's number so
    /// that tests and a local EduConnect stand-in can build the same vectors.
    /// </summary>
    public static string EleveIdNational(int eleve) => $"{9000000 + eleve}";

    private static Personne Adulte(string identifiant, string nom, string prenom, int n) =>
        new(DemoIds.Of("compte", identifiant), nom, prenom, null, null,
            $"{identifiant}@demo.example.org", $"+336{10000000 + n * 7919 % 89999999:D8}", identifiant);

    private sealed record Personne(Guid Id, string Nom, string Prenom, DateOnly? DateNaissance, string? Ine,
        string? Email, string? Mobile, string Identifiant)
    {
        public string? EleveIdNational { get; init; }
    }
}
