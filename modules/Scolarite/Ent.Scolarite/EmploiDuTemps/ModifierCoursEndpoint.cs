using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A change recorded (or left as it was, when the same change was already recorded).</summary>
/// <param name="Id">The change (to withdraw it).</param>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="Nature">annule, deplace, remplace or ajoute.</param>
/// <param name="DebutPrevu">The timetabled lesson's start (null for an extra lesson).</param>
/// <param name="Debut">Start once changed (null for a cancellation).</param>
/// <param name="Fin">End once changed.</param>
/// <param name="Salle">Room once changed (null: the timetabled room).</param>
/// <param name="RemplacantId">The replacing teacher.</param>
/// <param name="Motif">The reason shown to families.</param>
/// <param name="Nouvelle">False when this very change was already recorded (a retried request): nobody is told twice.</param>
internal sealed record ModificationCours(
    Guid Id, Guid ServiceId, string Nature, DateTimeOffset? DebutPrevu, DateTimeOffset? Debut, DateTimeOffset? Fin, string? Salle, Guid? RemplacantId,
    string? Motif, bool Nouvelle);

/// <summary>The changes of a request, in its order.</summary>
internal sealed record ModificationsCours(IReadOnlyList<ModificationCours> Modifications);

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/modifications-cours — the vie scolaire desk or the direction changes lessons of
/// the timetable, several at once (a teacher absent all day: their four lessons cancelled in one request). Each names a
/// timetabled lesson (service and timetabled start, as the timetable gives it) and what becomes of it: annule (with a
/// reason), deplace (new start and end, and/or room), remplace (another teacher of the établissement, optionally at
/// another time or room); or adds an extra lesson (ajoute: service, start, end, room). A second change to the same lesson
/// replaces the first. All or nothing, in one transaction with the families' messages (Communication: one message per
/// person, not one per lesson; by the guardians' channels when a lesson concerned is within 24 hours). The same request
/// sent again changes nothing and tells nobody twice. Anyone not on the desk gets 404, as on the desk's other pages.
/// </summary>
internal static class ModifierCoursEndpoint
{
    /// <summary>A change to one lesson.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="DebutPrevu">The timetabled start of the lesson changed (not for ajoute).</param>
    /// <param name="Nature">annule, deplace, remplace or ajoute.</param>
    /// <param name="Debut">New start (deplace, remplace: optional; ajoute: required).</param>
    /// <param name="Fin">New end, with Debut.</param>
    /// <param name="Salle">New room (40 characters at most).</param>
    /// <param name="RemplacantId">The replacing teacher (remplace).</param>
    /// <param name="Motif">The reason families read (200 characters at most; required to cancel), e.g. « Professeur absent ».</param>
    internal sealed record SaisieModificationCours(
        Guid? ServiceId, DateTimeOffset? DebutPrevu, string? Nature, DateTimeOffset? Debut, DateTimeOffset? Fin, string? Salle, Guid? RemplacantId,
        string? Motif);

    /// <summary>The changes to record together (50 at most).</summary>
    internal sealed record SaisieModificationsCours(IReadOnlyList<SaisieModificationCours>? Modifications);

    public const int AuPlus = 50;

    private static readonly string[] Natures = ["annule", "deplace", "remplace", "ajoute"];

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/modifications-cours", Handle)
        .WithName("ModifierCours")
        .WithSummary("La vie scolaire ou la direction annule, déplace, fait remplacer des cours ou ajoute un cours (plusieurs à la fois) ; élèves et familles sont prévenus.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string ExistantesSql = """
        SELECT id, service_id, nature, debut_prevu, debut, fin, salle, remplacant_id, motif
        FROM scolarite.modification_cours WHERE service_id = ANY(@services) AND debut_prevu = ANY(@prevus)
        """;

    private const string AjoutExistantSql = """
        SELECT id FROM scolarite.modification_cours
        WHERE service_id = @serviceId AND nature = 'ajoute' AND debut = @debut AND fin = @fin AND salle IS NOT DISTINCT FROM @salle
        LIMIT 1
        """;

    // A second change to the same lesson replaces the first and keeps its id (a link to it stays valid).
    private const string EnregistrerSql = """
        INSERT INTO scolarite.modification_cours
            (id, etablissement_id, service_id, nature, debut_prevu, debut, fin, salle, remplacant_id, motif, saisi_par, saisi_le)
        VALUES (@Id, @EtablissementId, @ServiceId, @Nature, @DebutPrevu, @Debut, @Fin, @Salle, @RemplacantId, @Motif, @Par, @Maintenant)
        ON CONFLICT (service_id, debut_prevu) WHERE debut_prevu IS NOT NULL DO UPDATE
        SET nature = excluded.nature, debut = excluded.debut, fin = excluded.fin, salle = excluded.salle, remplacant_id = excluded.remplacant_id,
            motif = excluded.motif, saisi_par = excluded.saisi_par, saisi_le = excluded.saisi_le
        RETURNING id
        """;

    private sealed record Existante(
        Guid Id, Guid ServiceId, string Nature, DateTimeOffset DebutPrevu, DateTimeOffset? Debut, DateTimeOffset? Fin, string? Salle,
        Guid? RemplacantId, string? Motif)
    {
        public string Etat => ModifierCoursEndpoint.Etat(Nature, Debut, Fin, Salle, RemplacantId, Motif);
    }

    private static async Task<Results<Ok<ModificationsCours>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, SaisieModificationsCours saisie, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IEvenements evenements,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (etablissement is null)
        {
            return introuvable!;
        }

        var maintenant = clock.GetUtcNow();
        var lignes = saisie.Modifications ?? [];
        var erreurs = Valider(lignes, maintenant);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var services = await VuesEmploiDuTemps.ServicesAsync(conn, lignes.Select(l => l.ServiceId!.Value), ct);
        if (lignes.Any(l => !services.TryGetValue(l.ServiceId!.Value, out var s) || s.EtablissementId != etablissement.Id))
        {
            return Problemes.Introuvable("Aucun service d'enseignement de cet établissement ne correspond.");
        }

        var enseignants = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct)).ToDictionary(p => p.Id);
        // Each change names a lesson of the timetable as timetabled (whatever an earlier change made of it).
        var prevus = new Dictionary<(Guid, DateTimeOffset), CoursPlanifie>();
        var aChanger = lignes.Where(l => l.Nature != "ajoute").ToList();
        if (aChanger.Count > 0)
        {
            var jours = aChanger.Select(l => Planning.Jour(l.DebutPrevu!.Value)).ToList();
            foreach (var c in await new EmploiDuTempsLecture(db).PrevusAsync([.. aChanger.Select(l => l.ServiceId!.Value).Distinct()], jours.Min(), jours.Max(), ct))
            {
                prevus[(c.ServiceId, c.Debut)] = c;
            }
        }

        for (var i = 0; i < lignes.Count; i++)
        {
            var l = lignes[i];
            if (l.Nature != "ajoute" && !prevus.ContainsKey((l.ServiceId!.Value, l.DebutPrevu!.Value.ToUniversalTime())))
            {
                erreurs.Add($"modifications[{i}].debutPrevu", "Aucun cours de ce service ne commence à cette heure dans l'emploi du temps.");
            }

            if (l.RemplacantId is { } r && !enseignants.ContainsKey(r))
            {
                erreurs.Add($"modifications[{i}].remplacantId", "Le remplaçant est un enseignant de l'établissement.");
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var existantes = aChanger.Count == 0
            ? []
            : (await conn.QueryAsync<Existante>(new CommandDefinition(ExistantesSql, new
            {
                services = aChanger.Select(l => l.ServiceId!.Value).Distinct().ToArray(),
                prevus = aChanger.Select(l => l.DebutPrevu!.Value.ToUniversalTime()).Distinct().ToArray(),
            }, cancellationToken: ct))).ToDictionary(e => (e.ServiceId, e.DebutPrevu.ToUniversalTime()));

        await using var tx = await conn.BeginTransactionAsync(ct);
        var resultats = new List<ModificationCours>();
        var changes = new List<(ModificationCours Modification, CoursPlanifie? Prevu, string Avant)>();
        foreach (var l in lignes)
        {
            var serviceId = l.ServiceId!.Value;
            var salle = Texte(l.Salle);
            var motif = Texte(l.Motif);
            ModificationCours modification;
            if (l.Nature == "ajoute")
            {
                var (debut, fin) = (l.Debut!.Value.ToUniversalTime(), l.Fin!.Value.ToUniversalTime());
                var deja = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(AjoutExistantSql,
                    new { serviceId, debut, fin, salle }, tx, cancellationToken: ct));
                modification = new ModificationCours(deja ?? Guid.CreateVersion7(), serviceId, "ajoute", null, debut, fin, salle, null, motif, deja is null);
                if (deja is null)
                {
                    await EnregistrerAsync(conn, tx, modification, etablissement.Id, personneId, maintenant, ct);
                    changes.Add((modification, null, "-"));
                }

                resultats.Add(modification);
                continue;
            }

            var debutPrevu = l.DebutPrevu!.Value.ToUniversalTime();
            var prevu = prevus[(serviceId, debutPrevu)];
            // Without a new time the lesson keeps its timetabled one (a new room, another teacher at the same time).
            var (nouveauDebut, nouvelleFin) = l.Nature == "annule"
                ? ((DateTimeOffset?)null, (DateTimeOffset?)null)
                : (l.Debut?.ToUniversalTime() ?? prevu.Debut, l.Fin?.ToUniversalTime() ?? prevu.Fin);
            var remplacant = l.Nature == "remplace" ? l.RemplacantId : null;
            var salleRetenue = l.Nature == "annule" ? null : salle;
            existantes.TryGetValue((serviceId, debutPrevu), out var existante);
            var etat = Etat(l.Nature!, nouveauDebut, nouvelleFin, salleRetenue, remplacant, motif);
            var nouvelle = existante is null || existante.Etat != etat;
            modification = new ModificationCours(existante?.Id ?? Guid.CreateVersion7(), serviceId, l.Nature!, debutPrevu, nouveauDebut, nouvelleFin,
                salleRetenue, remplacant, motif, nouvelle);
            if (nouvelle)
            {
                modification = modification with { Id = await EnregistrerAsync(conn, tx, modification, etablissement.Id, personneId, maintenant, ct) };
                changes.Add((modification, prevu, existante?.Etat ?? "-"));
            }

            resultats.Add(modification);
        }

        if (changes.Count > 0)
        {
            var eleves = await ElevesAsync(conn, tx, changes.Select(c => c.Modification.ServiceId), ct);
            // The key is the changes themselves, each with what it replaced: the same request retried gives the same key
            // (and, once recorded, no change at all), while a later change back to an earlier state is a new message.
            var cle = Empreinte(changes.Select(c => $"{c.Modification.ServiceId}|{c.Modification.DebutPrevu?.UtcTicks}|{c.Avant}|" +
                Etat(c.Modification.Nature, c.Modification.Debut, c.Modification.Fin, c.Modification.Salle, c.Modification.RemplacantId, c.Modification.Motif)));
            await evenements.PublierAsync(new CoursModifies(etablissement.Id, $"edt:{cle}", [.. changes.Select(c => new CoursModifie(
                c.Modification.Id, services[c.Modification.ServiceId].MatiereLibelle, StatutDe(c.Modification.Nature), c.Modification.DebutPrevu,
                c.Modification.Debut ?? c.Prevu!.Debut, c.Modification.Fin ?? c.Prevu!.Fin, c.Modification.Salle ?? c.Prevu?.Salle,
                c.Modification.RemplacantId is { } r ? VuesEmploiDuTemps.Nom(enseignants[r]) : null, c.Modification.Motif, false,
                eleves[c.Modification.ServiceId]))]), conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ModificationsCours(resultats));
    }

    private static async Task<Guid> EnregistrerAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ModificationCours m, Guid etablissementId,
        Guid par, DateTimeOffset maintenant, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<Guid>(new CommandDefinition(EnregistrerSql, new
        {
            m.Id, EtablissementId = etablissementId, m.ServiceId, m.Nature, m.DebutPrevu, m.Debut, m.Fin, m.Salle, m.RemplacantId, m.Motif, Par = par,
            Maintenant = maintenant,
        }, tx, cancellationToken: ct));

    private const string ElevesSql = """
        SELECT s.id AS service_id, i.eleve_id FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
        WHERE s.id = ANY(@services)
        UNION
        SELECT s.id, i.eleve_id FROM scolarite.service_enseignement s JOIN scolarite.inscription_groupe i ON i.groupe_id = s.groupe_id
        WHERE s.id = ANY(@services)
        """;

    /// <summary>Each service's pupils (its class's or its group's), to tell them and their families.</summary>
    internal static async Task<Dictionary<Guid, IReadOnlyList<Guid>>> ElevesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<Guid> services,
        CancellationToken ct)
    {
        var ids = services.Distinct().ToArray();
        var lignes = await conn.QueryAsync<(Guid ServiceId, Guid EleveId)>(new CommandDefinition(ElevesSql, new { services = ids }, tx, cancellationToken: ct));
        var parService = lignes.GroupBy(l => l.ServiceId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(l => l.EleveId).Order()]);
        return ids.ToDictionary(id => id, id => parService.GetValueOrDefault(id) ?? []);
    }

    internal static StatutCours StatutDe(string nature) => nature switch
    {
        "annule" => StatutCours.Annule,
        "deplace" => StatutCours.Deplace,
        "remplace" => StatutCours.Remplace,
        _ => StatutCours.Ajoute,
    };

    internal static string Empreinte(IEnumerable<string> parties) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parties.Order(StringComparer.Ordinal)))))[..32];

    private static string Etat(string nature, DateTimeOffset? debut, DateTimeOffset? fin, string? salle, Guid? remplacant, string? motif) =>
        $"{nature}|{debut?.UtcTicks}|{fin?.UtcTicks}|{salle}|{remplacant}|{motif}";

    private static string? Texte(string? texte) => string.IsNullOrWhiteSpace(texte) ? null : texte.Trim();

    private static Erreurs Valider(IReadOnlyList<SaisieModificationCours> lignes, DateTimeOffset maintenant)
    {
        var erreurs = new Erreurs();
        if (lignes.Count == 0)
        {
            return erreurs.Add("modifications", "Indiquez au moins un cours à modifier.");
        }

        if (lignes.Count > AuPlus)
        {
            return erreurs.Add("modifications", $"Modifiez {AuPlus} cours au plus à la fois.");
        }

        var vus = new HashSet<(Guid, DateTimeOffset)>();
        for (var i = 0; i < lignes.Count; i++)
        {
            var l = lignes[i];
            var champ = $"modifications[{i}]";
            if (l is null)
            {
                erreurs.Add(champ, "Cette modification est vide.");
                continue;
            }

            if (l.ServiceId is null)
            {
                erreurs.Add($"{champ}.serviceId", "Indiquez le service d'enseignement du cours.");
            }

            if (!Natures.Contains(l.Nature))
            {
                erreurs.Add($"{champ}.nature", "La modification est « annule », « deplace », « remplace » ou « ajoute ».");
                continue;
            }

            if (l.Nature == "ajoute")
            {
                if (l.DebutPrevu is not null)
                {
                    erreurs.Add($"{champ}.debutPrevu", "Un cours ajouté n'a pas d'horaire prévu : indiquez seulement son début et sa fin.");
                }

                if (l.Debut is null || l.Fin is null)
                {
                    erreurs.Add($"{champ}.debut", "Indiquez le début et la fin du cours ajouté.");
                }
            }
            else if (l.DebutPrevu is not { } prevu)
            {
                erreurs.Add($"{champ}.debutPrevu", "Indiquez le début prévu du cours à modifier, tel que l'emploi du temps le donne.");
            }
            else
            {
                if (prevu < maintenant.AddDays(-366) || prevu > maintenant.AddDays(366))
                {
                    erreurs.Add($"{champ}.debutPrevu", "Le cours est à moins d'un an d'aujourd'hui.");
                }
                else if (l.ServiceId is { } s && !vus.Add((s, prevu.ToUniversalTime())))
                {
                    erreurs.Add($"{champ}.debutPrevu", "Ce cours figure deux fois dans la demande.");
                }
            }

            if (l.Debut is null != l.Fin is null)
            {
                erreurs.Add($"{champ}.fin", "Indiquez le nouveau début et la nouvelle fin ensemble.");
            }
            else if (l.Debut is { } debut && l.Fin is { } fin)
            {
                if (l.Nature == "annule")
                {
                    erreurs.Add($"{champ}.debut", "Un cours annulé n'a pas de nouvel horaire.");
                }
                else if (fin <= debut)
                {
                    erreurs.Add($"{champ}.fin", "La fin suit le début.");
                }
                else if (fin - debut > TimeSpan.FromHours(10))
                {
                    erreurs.Add($"{champ}.fin", "Un cours dure dix heures au plus.");
                }
                else if (debut < maintenant.AddDays(-366) || debut > maintenant.AddDays(366))
                {
                    erreurs.Add($"{champ}.debut", "Le cours est à moins d'un an d'aujourd'hui.");
                }
            }

            if (l.Nature == "annule" && string.IsNullOrWhiteSpace(l.Motif))
            {
                erreurs.Add($"{champ}.motif", "Indiquez le motif de l'annulation, lu par les familles (par exemple « Professeur absent »).");
            }

            if (l.Motif is { } motif && motif.Trim().Length > 200)
            {
                erreurs.Add($"{champ}.motif", "Le motif fait 200 caractères au plus.");
            }

            if (l.Salle is { } salle && salle.Trim().Length > 40)
            {
                erreurs.Add($"{champ}.salle", "La salle fait 40 caractères au plus.");
            }

            if (l.Nature == "annule" && l.Salle is not null)
            {
                erreurs.Add($"{champ}.salle", "Un cours annulé n'a pas de salle.");
            }

            if (l.Nature == "deplace" && l.Debut is null && string.IsNullOrWhiteSpace(l.Salle))
            {
                erreurs.Add($"{champ}.debut", "Indiquez le nouvel horaire, la nouvelle salle, ou les deux.");
            }

            if (l.Nature == "remplace" && l.RemplacantId is null)
            {
                erreurs.Add($"{champ}.remplacantId", "Indiquez l'enseignant qui remplace.");
            }
            else if (l.Nature != "remplace" && l.RemplacantId is not null)
            {
                erreurs.Add($"{champ}.remplacantId", "Seul un remplacement nomme un remplaçant.");
            }
        }

        return erreurs;
    }
}
