using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests.CahierDeTextes;

/// <summary>
/// The demo lycée on Wednesday 25 November 2026 at 11:00, Paris time (the clock then runs on), plus what the cahier de
/// textes is tested against: a service of its own in 2NDE1 (subject CDT, the MATHS teacher's) timetabled on Mondays
/// 8:00–9:00 and Thursdays 14:00–15:00, a head teacher of 2NDE1 who teaches it nothing, a teacher with nothing to do
/// with it, a pupil of 2NDE1 and one of their legal guardians, and another family.
/// </summary>
public sealed class CahierDeTextesApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    public static readonly DateTimeOffset Maintenant = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public string Dossier { get; } = Path.Combine(Path.GetTempPath(), $"ent-cdt-{Guid.NewGuid():N}");

    public Guid ServiceId { get; } = Guid.NewGuid();

    public Guid ClasseId { get; private set; }

    public Guid EtablissementId { get; private set; }

    public string Enseignant { get; private set; } = string.Empty;

    public string ProfPrincipal { get; private set; } = string.Empty;

    public string AutreEnseignant { get; private set; } = string.Empty;

    public Guid EleveId { get; private set; }

    public string Eleve { get; private set; } = string.Empty;

    public string Parent { get; private set; } = string.Empty;

    public Guid AutreEleveId { get; private set; }

    public string AutreParent { get; private set; } = string.Empty;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Scolarite:Documents:Dossier"] = Dossier,
        ["Ent:VieScolaire:Documents:Dossier"] = Path.Combine(Dossier, "viescolaire"),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(Maintenant)));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        (ClasseId, EtablissementId) = await conn.QuerySingleAsync<(Guid, Guid)>(
            "SELECT id, etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = '2026-2027'");
        Enseignant = await conn.ExecuteScalarAsync<string>("""
            SELECT k.identifiant FROM scolarite.service_enseignement s JOIN identite.compte k ON k.personne_id = s.enseignant_id
            WHERE s.classe_id = @ClasseId AND s.matiere_code = 'MATHS'
            """, new { ClasseId }) ?? throw new InvalidOperationException("MATHS de 2NDE1");
        // Teachers who teach 2NDE1 nothing (neither the class nor a group with its pupils).
        var etrangers = (await conn.QueryAsync<string>("""
            SELECT k.identifiant FROM identite.compte k
            WHERE k.identifiant LIKE 'prof.%' AND NOT EXISTS (
                SELECT 1 FROM scolarite.service_enseignement s
                WHERE s.enseignant_id = k.personne_id
                  AND (s.classe_id = @ClasseId OR s.groupe_id IN (
                        SELECT ig.groupe_id FROM scolarite.inscription_groupe ig JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
                        WHERE ic.classe_id = @ClasseId)))
              AND NOT EXISTS (SELECT 1 FROM scolarite.professeur_principal p WHERE p.enseignant_id = k.personne_id AND p.classe_id = @ClasseId)
            ORDER BY k.identifiant LIMIT 2
            """, new { ClasseId })).ToArray();
        (ProfPrincipal, AutreEnseignant) = (etrangers[0], etrangers[1]);
        await conn.ExecuteAsync("""
            INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id)
            SELECT @ClasseId, personne_id FROM identite.compte WHERE identifiant = @ProfPrincipal;
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id)
            SELECT @ServiceId, personne_id, 'CDT', 'Cahier de textes (test)', @ClasseId FROM identite.compte WHERE identifiant = @Enseignant;
            INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au) VALUES
                (gen_random_uuid(), @EtablissementId, @ServiceId, 1, '08:00', '09:00', 'B12', NULL, '2026-09-01', '2027-07-04'),
                (gen_random_uuid(), @EtablissementId, @ServiceId, 4, '14:00', '15:00', 'B12', NULL, '2026-09-01', '2027-07-04');
            """, new { ClasseId, ProfPrincipal, ServiceId, Enseignant, EtablissementId });

        (EleveId, Eleve, Parent) = await conn.QueryFirstAsync<(Guid, string, string)>("""
            SELECT e.id, ke.identifiant, kp.identifiant
            FROM scolarite.inscription_classe i
            JOIN identite.personne e ON e.id = i.eleve_id
            JOIN identite.compte ke ON ke.personne_id = e.id
            JOIN identite.lien_responsable l ON l.eleve_id = e.id AND l.legal
            JOIN identite.compte kp ON kp.personne_id = l.responsable_id
            WHERE i.classe_id = @ClasseId
            ORDER BY ke.identifiant, kp.identifiant LIMIT 1
            """, new { ClasseId });
        (AutreEleveId, AutreParent) = await conn.QueryFirstAsync<(Guid, string)>("""
            SELECT l.eleve_id, kp.identifiant
            FROM identite.lien_responsable l JOIN identite.compte kp ON kp.personne_id = l.responsable_id
            WHERE l.legal AND l.eleve_id NOT IN (SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @ClasseId)
              AND l.responsable_id NOT IN (SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @EleveId)
            ORDER BY kp.identifiant LIMIT 1
            """, new { ClasseId, EleveId });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Dossier))
        {
            Directory.Delete(Dossier, recursive: true);
        }
    }
}
