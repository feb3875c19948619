using System.Text.RegularExpressions;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// The second pass for one établissement, in one transaction: the établissement itself, then its staff, guardians and
/// pupils (guardians before pupils: the links name them), then Scolarité's structure, then — for a full export — whoever
/// Ent has there and the export no longer names is withdrawn (profile retire_le, account desactive when no profile is
/// left, this year's enrolments removed); nothing is ever deleted. Persons are found by their AAF join key, so Ent's
/// ids — and what hangs on them — never change. A bad entry is reported and skipped; it never stops the others. Only
/// what changed is counted: the same export twice reports zeros.
/// </summary>
internal sealed partial class ApplicationEtablissement(
    bool complet, string anneeScolaire, LectureAaf lecture, EtablissementAImporter cible, StagingAaf staging,
    IImportStructure structure, HashSet<string> identifiants, TimeProvider clock)
{
    public Resume Resume { get; } = new();

    public List<Rejet> Rejets { get; } = [];

    // Functions set by the établissement's administrators in Ent, which the directory does not know: never withdrawn.
    private static readonly string[] FonctionsLocales = [Fonctions.Secretariat, Fonctions.AdministrateurLocal];

    private NpgsqlConnection _conn = null!;
    private NpgsqlTransaction _tx = null!;
    private Guid _etablissementId;
    private DateTimeOffset _maintenant;
    private readonly HashSet<string> _presents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _personnes = new(StringComparer.Ordinal);
    private readonly List<InscriptionImportee> _inscriptions = [];
    private readonly List<EnseignantImporte> _enseignants = [];
    private readonly List<Guid> _elevesRetires = [];
    private readonly List<Guid> _enseignantsRetires = [];
    private readonly Dictionary<string, string> _mefsDesClasses = new(StringComparer.Ordinal);

    [GeneratedRegex("^[0-9]{7}[A-Z]$")]
    private static partial Regex Uai();

    [GeneratedRegex("^[0-9A-Z]{11}$")]
    private static partial Regex Ine();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex CodePostal();

    private void Rejeter(EntreeAaf e, string motif) =>
        Rejets.Add(new Rejet(e.Fichier, e.Ligne, e.Valeur("ENTPersonJointure") ?? e.Valeur("ENTStructureJointure") ?? e.Id, motif));

    private static OrigineImport Origine(EntreeAaf e) => new(e.Fichier, e.Ligne, e.Valeur("ENTPersonJointure") ?? e.Id);

    /// <summary>Applies the établissement's share; returns its id, or null when its own entry was rejected.</summary>
    public async Task<Guid?> AppliquerAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        _conn = conn;
        _tx = tx;
        _maintenant = clock.GetUtcNow();
        if (await EtablissementAsync(ct) is not { } id)
        {
            return null;
        }

        _etablissementId = id;
        static int Rang(TypeAaf t) => t switch { TypeAaf.PersEducNat => 0, TypeAaf.PersRelEleve => 1, _ => 2 };
        foreach (var (_, position) in cible.Entrees.OrderBy(e => Rang(e.Type)).ThenBy(e => e.Position))
        {
            var entree = staging.Lire(position);
            var jointure = entree.Valeur("ENTPersonJointure") ?? entree.Id;
            _presents.Add(jointure);
            if (jointure.Length is 0 or > 64)
            {
                Rejeter(entree, "Jointure (ENTPersonJointure) absente ou de plus de 64 caractères : entrée ignorée.");
                continue;
            }

            if (entree.Operation == OperationAaf.Suppression)
            {
                await RetirerAsync(jointure, ct);
                continue;
            }

            switch (entree.Type)
            {
                case TypeAaf.PersEducNat:
                    await PersonnelAsync(entree, jointure, ct);
                    break;
                case TypeAaf.PersRelEleve:
                    await ResponsableAsync(entree, jointure, ct);
                    break;
                case TypeAaf.Eleve:
                    await EleveAsync(entree, jointure, ct);
                    break;
            }
        }

        if (complet)
        {
            await RetirerAbsentsAsync(ct);
        }

        var bilan = await structure.AppliquerAsync(conn, tx, new StructureImportee(
            _etablissementId, anneeScolaire, Classes(), Groupes(),
            [.. lecture.Matieres.Select(m => new MatiereImportee(m.Key, m.Value))],
            _inscriptions, _enseignants, _elevesRetires, _enseignantsRetires), ct);
        Resume.Ajouter(bilan.Resume);
        Rejets.AddRange(bilan.Anomalies.Select(a => new Rejet(a.Origine.Fichier, a.Origine.Ligne, a.Origine.Jointure, a.Motif)));
        return _etablissementId;
    }

    // ---- The établissement -------------------------------------------------------------------------------------------

    private sealed record EtablissementConnu(Guid Id, string Uai, string? Jointure, string Nom, string Academie, string? Adresse, string? CodePostal, string? Commune);

    private async Task<Guid?> EtablissementAsync(CancellationToken ct)
    {
        var e = cible.Entree;
        var uai = e?.Valeur("ENTStructureUAI")?.ToUpperInvariant();
        var connus = (await _conn.QueryAsync<EtablissementConnu>(new CommandDefinition("""
            SELECT id, uai, jointure_aaf AS jointure, nom, academie, adresse, code_postal AS codepostal, commune
            FROM identite.etablissement WHERE jointure_aaf = @jointure OR uai = @uai
            """, new { jointure = cible.Jointure, uai }, _tx, cancellationToken: ct))).ToList();
        var connu = connus.FirstOrDefault(c => c.Jointure == cible.Jointure) ?? connus.FirstOrDefault(c => c.Jointure is null);
        if (e is null)
        {
            return connu?.Id; // a delta without the établissement's own entry
        }

        if (uai is null || !Uai().IsMatch(uai))
        {
            Rejeter(e, $"Établissement sans UAI valide (ENTStructureUAI « {uai} », 7 chiffres et une lettre attendus) : ses entrées sont ignorées.");
            return null;
        }

        if (connus.Any(c => c.Uai == uai && c.Jointure is not null && c.Jointure != cible.Jointure))
        {
            Rejeter(e, $"L'UAI {uai} appartient déjà dans Ent à un établissement d'une autre jointure AAF : ses entrées sont ignorées.");
            return null;
        }

        var nom = e.Valeur("ENTStructureNomCourant") ?? e.Valeur("ENTDisplayName") ?? uai;
        var valeurs = new
        {
            id = connu?.Id ?? Guid.NewGuid(), uai, jointure = cible.Jointure, nom = nom.Length > 200 ? nom[..200] : nom,
            academie = e.Valeur("ENTServAcAcademie") ?? connu?.Academie ?? "Inconnue",
            adresse = e.Valeur("street") ?? connu?.Adresse,
            codePostal = e.Valeur("postalCode") is { } cp && CodePostal().IsMatch(cp) ? cp : connu?.CodePostal,
            commune = e.Valeur("l") ?? connu?.Commune,
        };
        if (connu is null)
        {
            await _conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO identite.etablissement (id, uai, nom, academie, adresse, code_postal, commune, jointure_aaf)
                VALUES (@id, @uai, @nom, @academie, @adresse, @codePostal, @commune, @jointure)
                """, valeurs, _tx, cancellationToken: ct));
            Resume["etablissements"].Crees++;
        }
        else if (await _conn.ExecuteAsync(new CommandDefinition("""
                     UPDATE identite.etablissement SET uai = @uai, nom = @nom, academie = @academie, adresse = @adresse,
                         code_postal = @codePostal, commune = @commune, jointure_aaf = @jointure
                     WHERE id = @id AND (uai, nom, academie, adresse, code_postal, commune, jointure_aaf)
                         IS DISTINCT FROM (@uai, @nom, @academie, @adresse, @codePostal, @commune, @jointure)
                     """, valeurs, _tx, cancellationToken: ct)) > 0)
        {
            Resume["etablissements"].Modifies++;
        }

        return valeurs.id;
    }

    private List<ClasseImportee> Classes() => cible.Entree is not { } e ? [] :
    [
        .. e.Champs("ENTStructureClasses").Select(c => new ClasseImportee(c[0].Trim(), (c.Length > 1 && c[1].Trim().Length > 0 ? c[1] : c[0]).Trim(),
            Normalisation.Niveau(c[0]) ?? (c.Length > 1 ? Normalisation.Niveau(c[1]) : null)
            ?? (_mefsDesClasses.TryGetValue(c[0].Trim(), out var mef) ? Normalisation.Niveau(mef) : null), Origine(e))),
    ];

    private List<GroupeImporte> Groupes() => cible.Entree is not { } e ? [] :
    [
        .. e.Champs("ENTStructureGroupes").Select(c => new GroupeImporte(c[0].Trim(), (c.Length > 1 && c[1].Trim().Length > 0 ? c[1] : c[0]).Trim(), Origine(e))),
    ];

    // ---- Persons -----------------------------------------------------------------------------------------------------

    private sealed record Personne(string Nom, string Prenom, DateOnly? DateNaissance, string? Ine, string? Email, string? Mobile, string? Civilite);

    private const string PersonneSql = """
        INSERT INTO identite.personne (id, nom, prenom, date_naissance, ine, email, mobile, civilite, jointure_aaf, cree_le)
        VALUES (@id, @Nom, @Prenom, @DateNaissance, @Ine, @Email, @Mobile, @Civilite, @jointure, @maintenant)
        ON CONFLICT (jointure_aaf) DO UPDATE SET
            nom = excluded.nom, prenom = excluded.prenom,
            date_naissance = coalesce(excluded.date_naissance, personne.date_naissance),
            ine = coalesce(excluded.ine, personne.ine),
            email = coalesce(excluded.email, personne.email),
            mobile = coalesce(excluded.mobile, personne.mobile),
            civilite = coalesce(excluded.civilite, personne.civilite)
        WHERE (personne.nom, personne.prenom, personne.date_naissance, personne.ine, personne.email, personne.mobile, personne.civilite)
            IS DISTINCT FROM (excluded.nom, excluded.prenom, coalesce(excluded.date_naissance, personne.date_naissance),
                coalesce(excluded.ine, personne.ine), coalesce(excluded.email, personne.email),
                coalesce(excluded.mobile, personne.mobile), coalesce(excluded.civilite, personne.civilite))
        RETURNING id, (xmax = 0) AS cree
        """;

    /// <summary>Creates or updates the person (and creates their account once); null when the entry is rejected.</summary>
    private async Task<(Guid Id, bool Cree, bool Modifie)?> PersonneAsync(EntreeAaf e, string jointure, Personne p, string sorte, CancellationToken ct)
    {
        if (p.Ine is { } ine)
        {
            var autre = await _conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT coalesce(jointure_aaf, '(hors annuaire)') FROM identite.personne WHERE ine = @ine AND jointure_aaf IS DISTINCT FROM @jointure",
                new { ine, jointure }, _tx, cancellationToken: ct));
            if (autre is not null)
            {
                Rejeter(e, $"INE {ine} déjà porté dans Ent par une autre personne (jointure {autre}) : entrée ignorée.");
                return null;
            }
        }

        var ligne = await _conn.QuerySingleOrDefaultAsync<(Guid Id, bool Cree)?>(new CommandDefinition(PersonneSql, new
        {
            id = Guid.NewGuid(), p.Nom, p.Prenom, DateNaissance = p.DateNaissance?.ToDateTime(TimeOnly.MinValue), p.Ine, p.Email, p.Mobile,
            p.Civilite, jointure, maintenant = _maintenant,
        }, _tx, cancellationToken: ct));
        Guid id;
        if (ligne is { } l)
        {
            id = l.Id;
            if (l.Cree)
            {
                Resume[sorte].Crees++;
                await CompteAsync(id, p, ct);
            }
            else
            {
                Resume[sorte].Modifies++;
            }
        }
        else
        {
            id = await _conn.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM identite.personne WHERE jointure_aaf = @jointure", new { jointure }, _tx, cancellationToken: ct));
        }

        _personnes[jointure] = id;
        return (id, ligne is { Cree: true }, ligne is { Cree: false });
    }

    /// <summary>The account of a new person: to activate, no password, login prenom.nom (2, 3… when taken), never renamed.</summary>
    private async Task CompteAsync(Guid personneId, Personne p, CancellationToken ct)
    {
        var base_ = Normalisation.Identifiant(p.Prenom, p.Nom);
        var identifiant = base_;
        for (var n = 2; !identifiants.Add(identifiant); n++)
        {
            identifiant = $"{base_}{n}";
        }

        await _conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.compte (id, personne_id, identifiant, etat, cree_le) VALUES (@id, @personneId, @identifiant, 'a_activer', @maintenant)
            """, new { id = Guid.NewGuid(), personneId, identifiant, maintenant = _maintenant }, _tx, cancellationToken: ct));
        Resume["comptes"].Crees++;
    }

    /// <summary>
    /// The person's profiles in this établissement among those the entry's kind gives (<paramref name="possibles"/>):
    /// the wanted ones created or brought back, the others withdrawn. A person who comes back gets their account back.
    /// </summary>
    private async Task<bool> RattacherAsync(Guid personneId, IReadOnlyList<(string Profil, string? Fonction)> voulus, string[] possibles, CancellationToken ct)
    {
        var change = false;
        foreach (var (profil, fonction) in voulus)
        {
            var retour = await _conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
                INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES (@personneId, @etablissementId, @profil, @fonction)
                ON CONFLICT (personne_id, etablissement_id, profil) DO UPDATE SET
                    fonction = CASE WHEN rattachement.fonction = ANY(@locales) THEN rattachement.fonction ELSE excluded.fonction END, retire_le = NULL
                WHERE rattachement.retire_le IS NOT NULL
                   OR (rattachement.fonction IS DISTINCT FROM excluded.fonction AND NOT coalesce(rattachement.fonction = ANY(@locales), false))
                RETURNING (xmax = 0)
                """, new { personneId, etablissementId = _etablissementId, profil, fonction, locales = FonctionsLocales }, _tx, cancellationToken: ct));
            if (retour is not null)
            {
                change = true;
                await _conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE identite.compte SET etat = CASE WHEN mot_de_passe_hash IS NULL THEN 'a_activer' ELSE 'actif' END
                    WHERE personne_id = @personneId AND etat = 'desactive'
                    """, new { personneId }, _tx, cancellationToken: ct));
            }
        }

        var profils = voulus.Select(v => v.Profil).ToArray();
        var retires = await _conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.rattachement SET retire_le = @maintenant
            WHERE personne_id = @personneId AND etablissement_id = @etablissementId AND retire_le IS NULL
              AND profil = ANY(@possibles) AND NOT profil = ANY(@profils) AND NOT coalesce(fonction = ANY(@locales), false)
            """, new { personneId, etablissementId = _etablissementId, possibles, profils, locales = FonctionsLocales, maintenant = _maintenant },
            _tx, cancellationToken: ct));
        return change || retires > 0;
    }

    private void CompterRattachement(string sorte, (Guid Id, bool Cree, bool Modifie) personne, bool change)
    {
        if (change && !personne.Cree && !personne.Modifie)
        {
            Resume[sorte].Modifies++;
        }
    }

    private Personne? Lire(EntreeAaf e, bool eleve)
    {
        var nom = e.Valeur("sn");
        var prenom = e.Valeur("givenName");
        if (nom is null || prenom is null)
        {
            Rejeter(e, $"Champ obligatoire absent : {(nom is null ? "nom (sn)" : "prénom (givenName)")}. Entrée ignorée.");
            return null;
        }

        DateOnly? naissance = null;
        if (e.Valeur("ENTPersonDateNaissance") is { } texte)
        {
            naissance = Normalisation.Date(texte);
            if (naissance is null)
            {
                Rejeter(e, $"Date de naissance « {texte} » invalide (jj/mm/aaaa attendu). Entrée ignorée.");
                return null;
            }
        }
        else if (eleve)
        {
            Rejeter(e, "Champ obligatoire absent : date de naissance (ENTPersonDateNaissance). Entrée ignorée.");
            return null;
        }

        string? ine = null;
        if (eleve && e.Valeur("ENTEleveINE") is { } brut)
        {
            ine = brut.ToUpperInvariant();
            if (!Ine().IsMatch(ine))
            {
                Rejeter(e, $"INE « {brut} » invalide (11 chiffres ou lettres attendus). Entrée ignorée.");
                return null;
            }
        }

        var mobileBrut = e.Valeur("ENTPersonMobileSMS") ?? e.Valeur("mobile");
        var mobile = Normalisation.Mobile(mobileBrut);
        if (mobileBrut is not null && mobile is null)
        {
            Rejeter(e, $"Mobile « {mobileBrut} » non reconnu (un mobile français ou un numéro international attendu) : la personne est importée sans lui.");
        }

        var email = e.Valeur("mail") is { } m && m.Contains('@', StringComparison.Ordinal) && m.Length <= 254 ? m : null;
        return new Personne(Tronquer(nom), Tronquer(prenom), naissance, ine, email, mobile, Normalisation.Civilite(e.Valeur("personalTitle")));
    }

    private static string Tronquer(string texte) => texte.Length > 100 ? texte[..100] : texte;

    private static readonly string[] ProfilsPersonnel = [Profils.Enseignant, Profils.Personnel];

    private async Task PersonnelAsync(EntreeAaf e, string jointure, CancellationToken ct)
    {
        // The functions of this établissement: the head, CPE, nurse, librarian are personnel; ENS is a teacher.
        var codes = e.Champs("ENTPersonFonctions").Where(c => c.Length >= 2 && c[0] == cible.Jointure).Select(c => c[1].Trim().ToUpperInvariant()).ToList();
        var services = e.Champs("ENTAuxEnsClassesMatieres").Where(c => c.Length >= 3 && c[0] == cible.Jointure)
            .Select(c => new ServiceImporte(c[2].Trim(), c[1].Trim(), null))
            .Concat(e.Champs("ENTAuxEnsGroupesMatieres").Where(c => c.Length >= 3 && c[0] == cible.Jointure)
                .Select(c => new ServiceImporte(c[2].Trim(), null, c[1].Trim())))
            .Distinct().ToList();
        var principal = e.Champs("ENTAuxEnsClassesPrincipal").Where(c => c.Length >= 2 && c[0] == cible.Jointure).Select(c => c[1].Trim()).Distinct().ToList();
        var fonction = codes.Contains("DIR") ? Fonctions.Direction
            : codes.Contains("EDU") ? Fonctions.Cpe
            : codes.Contains("MDS") ? Fonctions.Infirmier
            : codes.Contains("DOC") ? Fonctions.Documentaliste
            : null;
        var enseignant = codes.Contains("ENS") || services.Count > 0 || principal.Count > 0;
        var voulus = new List<(string, string?)>();
        if (enseignant)
        {
            voulus.Add((Profils.Enseignant, null));
        }

        if (fonction is not null)
        {
            voulus.Add((Profils.Personnel, fonction));
        }

        if (voulus.Count == 0)
        {
            Rejeter(e, $"Aucune fonction reconnue dans cet établissement (codes : {(codes.Count == 0 ? "aucun" : string.Join(", ", codes))} ; " +
                       "Ent connaît DIR, EDU, ENS, MDS et DOC) : entrée ignorée.");
            return;
        }

        if (Lire(e, eleve: false) is not { } p || await PersonneAsync(e, jointure, p, "personnels", ct) is not { } personne)
        {
            return;
        }

        CompterRattachement("personnels", personne, await RattacherAsync(personne.Id, voulus, ProfilsPersonnel, ct));
        if (enseignant)
        {
            _enseignants.Add(new EnseignantImporte(personne.Id, services, principal, Origine(e)));
        }
        else
        {
            _enseignantsRetires.Add(personne.Id);
        }
    }

    private static readonly string[] ProfilsResponsable = [Profils.Responsable];
    private static readonly string[] ProfilsEleve = [Profils.Eleve];

    private async Task ResponsableAsync(EntreeAaf e, string jointure, CancellationToken ct)
    {
        if (Lire(e, eleve: false) is not { } p || await PersonneAsync(e, jointure, p, "responsables", ct) is not { } personne)
        {
            return;
        }

        CompterRattachement("responsables", personne, await RattacherAsync(personne.Id, [(Profils.Responsable, null)], ProfilsResponsable, ct));
    }

    private async Task EleveAsync(EntreeAaf e, string jointure, CancellationToken ct)
    {
        if (Lire(e, eleve: true) is not { } p || await PersonneAsync(e, jointure, p, "eleves", ct) is not { } personne)
        {
            return;
        }

        CompterRattachement("eleves", personne, await RattacherAsync(personne.Id, [(Profils.Eleve, null)], ProfilsEleve, ct));

        var classes = e.Champs("ENTEleveClasses").Where(c => c.Length >= 2 && c[0] == cible.Jointure).Select(c => c[1].Trim()).Distinct().ToList();
        var groupes = e.Champs("ENTEleveGroupes").Where(c => c.Length >= 2 && c[0] == cible.Jointure).Select(c => c[1].Trim()).Distinct().ToList();
        _inscriptions.Add(new InscriptionImportee(personne.Id, classes, groupes, Origine(e)));
        if (e.Valeur("ENTEleveMEF") is { } mef && lecture.Mefs.TryGetValue(mef, out var libelleMef))
        {
            foreach (var c in classes)
            {
                _mefsDesClasses.TryAdd(c, libelleMef);
            }
        }

        await LiensAsync(e, personne.Id, personne.Cree, ct);
    }

    /// <summary>
    /// The pupil's guardians from ENTElevePersRelEleve (guardian $ link $ financial $ legal 0/1/2 $ contact $ payment).
    /// A link an administrator fixed (fixe_manuellement) is left as it is; the other links the export no longer gives go.
    /// </summary>
    private async Task LiensAsync(EntreeAaf e, Guid eleveId, bool nouveau, CancellationToken ct)
    {
        var voulus = new HashSet<Guid>();
        foreach (var champs in e.Champs("ENTElevePersRelEleve"))
        {
            var jointure = champs[0].Trim();
            if (!_personnes.TryGetValue(jointure, out var responsableId))
            {
                var connu = await _conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                    "SELECT id FROM identite.personne WHERE jointure_aaf = @jointure", new { jointure }, _tx, cancellationToken: ct));
                if (connu is not { } id)
                {
                    Rejeter(e, $"Responsable {jointure} inconnu (absent de l'export et d'Ent) : lien ignoré, l'élève est importé sans lui.");
                    continue;
                }

                _personnes[jointure] = responsableId = id;
            }

            if (responsableId == eleveId)
            {
                continue;
            }

            var legal = champs.Length > 3 && champs[3].Trim() is "1" or "2";
            var contact = champs.Length > 4 && champs[4].Trim() == "1";
            voulus.Add(responsableId);
            var retour = await _conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
                INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien, legal, contact_prioritaire, recoit_courrier, recoit_notifications)
                VALUES (@responsableId, @eleveId, @lien, @legal, @prioritaire, @recoit, @recoit)
                ON CONFLICT (responsable_id, eleve_id) DO UPDATE SET lien = excluded.lien, legal = excluded.legal, contact_prioritaire = excluded.contact_prioritaire
                WHERE NOT lien_responsable.fixe_manuellement
                  AND (lien_responsable.lien, lien_responsable.legal, lien_responsable.contact_prioritaire)
                      IS DISTINCT FROM (excluded.lien, excluded.legal, excluded.contact_prioritaire)
                RETURNING (xmax = 0)
                """, new
                {
                    responsableId, eleveId, lien = Normalisation.Lien(champs.Length > 1 ? champs[1] : string.Empty), legal,
                    prioritaire = champs.Length > 3 && champs[3].Trim() == "1", recoit = legal || contact,
                }, _tx, cancellationToken: ct));
            if (retour is true)
            {
                Resume["liens"].Crees++;
            }
            else if (retour is false)
            {
                Resume["liens"].Modifies++;
            }
        }

        if (!nouveau)
        {
            Resume["liens"].Desactives += await _conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM identite.lien_responsable WHERE eleve_id = @eleveId AND NOT fixe_manuellement AND NOT responsable_id = ANY(@voulus)
                """, new { eleveId, voulus = voulus.ToArray() }, _tx, cancellationToken: ct));
        }
    }

    // ---- Withdrawals -------------------------------------------------------------------------------------------------

    /// <summary>A delete of the delta: the person's profiles here are withdrawn, as for a full export that omits them.</summary>
    private async Task RetirerAsync(string jointure, CancellationToken ct)
    {
        var id = await _conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM identite.personne WHERE jointure_aaf = @jointure", new { jointure }, _tx, cancellationToken: ct));
        if (id is { } personneId)
        {
            await RetirerPersonneAsync(personneId, ct);
        }
    }

    private async Task RetirerAbsentsAsync(CancellationToken ct)
    {
        var absents = await _conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT p.id FROM identite.rattachement r JOIN identite.personne p ON p.id = r.personne_id
            WHERE r.etablissement_id = @etablissementId AND r.retire_le IS NULL AND p.jointure_aaf IS NOT NULL
              AND NOT p.jointure_aaf = ANY(@presents) AND NOT coalesce(r.fonction = ANY(@locales), false)
            """, new { etablissementId = _etablissementId, presents = _presents.ToArray(), locales = FonctionsLocales }, _tx, cancellationToken: ct));
        foreach (var id in absents.ToList())
        {
            await RetirerPersonneAsync(id, ct);
        }
    }

    private async Task RetirerPersonneAsync(Guid personneId, CancellationToken ct)
    {
        var profils = (await _conn.QueryAsync<string>(new CommandDefinition("""
            UPDATE identite.rattachement SET retire_le = @maintenant
            WHERE personne_id = @personneId AND etablissement_id = @etablissementId AND retire_le IS NULL AND NOT coalesce(fonction = ANY(@locales), false)
            RETURNING profil
            """, new { personneId, etablissementId = _etablissementId, maintenant = _maintenant, locales = FonctionsLocales }, _tx, cancellationToken: ct))).ToList();
        if (profils.Count == 0)
        {
            return;
        }

        Resume[profils.Contains(Profils.Eleve) ? "eleves" : profils.Contains(Profils.Responsable) ? "responsables" : "personnels"].Desactives++;
        if (profils.Contains(Profils.Eleve))
        {
            _elevesRetires.Add(personneId);
        }

        if (profils.Contains(Profils.Enseignant))
        {
            _enseignantsRetires.Add(personneId);
        }

        // The account goes when the person has no profile left anywhere (a parent may still have a child elsewhere).
        Resume["comptes"].Desactives += await _conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identite.compte SET etat = 'desactive'
            WHERE personne_id = @personneId AND etat <> 'desactive'
              AND NOT EXISTS (SELECT 1 FROM identite.rattachement WHERE personne_id = @personneId AND retire_le IS NULL)
            """, new { personneId }, _tx, cancellationToken: ct));
    }
}
