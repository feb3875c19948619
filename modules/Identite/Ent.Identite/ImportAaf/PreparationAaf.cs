using Dapper;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>One établissement's share of the export: its own entry (if the export has it) and its persons' entries.</summary>
internal sealed class EtablissementAImporter(string jointure)
{
    public string Jointure { get; } = jointure;

    public EntreeAaf? Entree { get; set; }

    /// <summary>Where each person entry is in the staging file, with its kind (staff, guardians, pupils).</summary>
    public List<(TypeAaf Type, long Position)> Entrees { get; } = [];

    private readonly HashSet<long> _vues = [];

    public void Ajouter(TypeAaf type, long position)
    {
        if (_vues.Add(position))
        {
            Entrees.Add((type, position));
        }
    }
}

/// <summary>The first pass's result: the établissements to apply, the export's subjects and MEFs, the entries set aside.</summary>
internal sealed class LectureAaf
{
    public List<EtablissementAImporter> Etablissements { get; } = [];

    public Dictionary<string, string> Matieres { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Mefs { get; } = new(StringComparer.Ordinal);

    public List<Rejet> Rejets { get; } = [];

    public int Total { get; set; }
}

/// <summary>
/// The first pass: reads every file of the export to its end (a malformed one refuses the import before anything
/// changes) and sorts the entries by établissement. Pupils and staff name their établissements; guardians belong to
/// the établissements of the pupils who name them; a delete or a guardian no pupil of the export names goes where Ent
/// already has the person.
/// </summary>
internal static class PreparationAaf
{
    public static async Task<LectureAaf> LireAsync(SourceAaf source, StagingAaf staging, NpgsqlDataSource db, Guid? seulEtablissement, CancellationToken ct)
    {
        var lecture = new LectureAaf();
        foreach (var ignore in source.Ignores)
        {
            lecture.Rejets.Add(new Rejet(ignore, null, null, "Fichier ignoré : son nom n'est pas celui d'un fichier AAF (PREFIXE_Complet|Delta_AAAAMMJJ_Type_NNNN.xml)."));
        }

        var etablissements = new Dictionary<string, EtablissementAImporter>(StringComparer.Ordinal);
        EtablissementAImporter Etablissement(string jointure)
        {
            if (!etablissements.TryGetValue(jointure, out var e))
            {
                etablissements[jointure] = e = new EtablissementAImporter(jointure);
            }

            return e;
        }

        var structuresResponsables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sansEtablissement = new List<(EntreeAaf Entree, long Position)>();
        LecteurAaf.Preparer();
        foreach (var fichier in source.Fichiers)
        {
            await using var flux = fichier.Ouvrir();
            foreach (var entree in LecteurAaf.Lire(flux, fichier.Nom, fichier.Type))
            {
                ct.ThrowIfCancellationRequested();
                lecture.Total++;
                switch (fichier.Type)
                {
                    case TypeAaf.EtabEducNat:
                        var jointure = entree.Valeur("ENTStructureJointure") ?? entree.Id;
                        if (jointure.Length == 0)
                        {
                            lecture.Rejets.Add(new Rejet(entree.Fichier, entree.Ligne, null, "Établissement sans jointure (ENTStructureJointure) : ignoré."));
                        }
                        else
                        {
                            Etablissement(jointure).Entree = entree;
                        }

                        break;
                    case TypeAaf.MatiereEducNat when entree.Operation != OperationAaf.Suppression:
                        if ((entree.Valeur("ENTMatJointure") ?? entree.Id) is { Length: > 0 } code && entree.Valeur("ENTLibelleMatiere") is { } libelle)
                        {
                            lecture.Matieres[code] = libelle;
                        }
                        else
                        {
                            lecture.Rejets.Add(new Rejet(entree.Fichier, entree.Ligne, entree.Id, "Matière sans code (ENTMatJointure) ou sans libellé (ENTLibelleMatiere) : ignorée."));
                        }

                        break;
                    case TypeAaf.MefEducNat when entree.Operation != OperationAaf.Suppression:
                        if ((entree.Valeur("ENTMefJointure") ?? entree.Id) is { Length: > 0 } mef && entree.Valeur("ENTLibelleMef") is { } libelleMef)
                        {
                            lecture.Mefs[mef] = libelleMef;
                        }

                        break;
                    case TypeAaf.PersEducNat or TypeAaf.Eleve or TypeAaf.PersRelEleve:
                        var position = staging.Ecrire(entree);
                        var structures = Structures(entree, structuresResponsables);
                        if (entree.Type == TypeAaf.Eleve)
                        {
                            foreach (var champs in entree.Champs("ENTElevePersRelEleve"))
                            {
                                if (!structuresResponsables.TryGetValue(champs[0], out var s))
                                {
                                    structuresResponsables[champs[0]] = s = new HashSet<string>(StringComparer.Ordinal);
                                }

                                s.UnionWith(structures);
                            }
                        }

                        if (structures.Count == 0)
                        {
                            sansEtablissement.Add((entree, position));
                        }

                        foreach (var s in structures)
                        {
                            Etablissement(s).Ajouter(entree.Type, position);
                        }

                        break;
                }
            }
        }

        await RattacherParEntAsync(sansEtablissement, Etablissement, lecture, db, ct);
        await RetenirAsync(etablissements.Values, lecture, db, seulEtablissement, ct);
        return lecture;
    }

    /// <summary>The établissements an entry belongs to, by their join keys.</summary>
    private static HashSet<string> Structures(EntreeAaf e, Dictionary<string, HashSet<string>> responsables)
    {
        var s = new HashSet<string>(StringComparer.Ordinal);
        if (e.Operation == OperationAaf.Suppression)
        {
            return s; // a delete names no établissement: Ent knows where the person is
        }

        switch (e.Type)
        {
            case TypeAaf.Eleve:
                s.UnionWith(e.Valeurs("ENTEleveStructRattachId"));
                if (s.Count == 0)
                {
                    s.UnionWith(e.Valeurs("ENTPersonStructRattach"));
                }

                s.UnionWith(e.Champs("ENTEleveClasses").Where(c => c.Length >= 2).Select(c => c[0]));
                break;
            case TypeAaf.PersEducNat:
                s.UnionWith(e.Champs("ENTPersonFonctions").Where(c => c.Length >= 2).Select(c => c[0]));
                s.UnionWith(e.Champs("ENTAuxEnsClassesMatieres").Where(c => c.Length >= 3).Select(c => c[0]));
                s.UnionWith(e.Champs("ENTAuxEnsGroupesMatieres").Where(c => c.Length >= 3).Select(c => c[0]));
                s.UnionWith(e.Champs("ENTAuxEnsClassesPrincipal").Where(c => c.Length >= 2).Select(c => c[0]));
                break;
            case TypeAaf.PersRelEleve:
                var id = e.Valeur("ENTPersonJointure") ?? e.Id;
                if (responsables.TryGetValue(id, out var r))
                {
                    s.UnionWith(r);
                }

                break;
        }

        s.RemoveWhere(string.IsNullOrWhiteSpace);
        return s;
    }

    /// <summary>Deletes, and guardians no pupil of the export names: where Ent already has the person.</summary>
    private static async Task RattacherParEntAsync(List<(EntreeAaf Entree, long Position)> entrees, Func<string, EtablissementAImporter> etablissement,
        LectureAaf lecture, NpgsqlDataSource db, CancellationToken ct)
    {
        if (entrees.Count == 0)
        {
            return;
        }

        var jointures = entrees.Select(e => e.Entree.Valeur("ENTPersonJointure") ?? e.Entree.Id).Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var ou = (await conn.QueryAsync<(string Personne, string Etablissement)>(new CommandDefinition("""
                SELECT DISTINCT p.jointure_aaf, e.jointure_aaf
                FROM identite.personne p
                JOIN identite.rattachement r ON r.personne_id = p.id
                JOIN identite.etablissement e ON e.id = r.etablissement_id
                WHERE p.jointure_aaf = ANY(@jointures) AND e.jointure_aaf IS NOT NULL
                """, new { jointures }, cancellationToken: ct)))
            .ToLookup(x => x.Personne, x => x.Etablissement);
        foreach (var (entree, position) in entrees)
        {
            var jointure = entree.Valeur("ENTPersonJointure") ?? entree.Id;
            if (!ou[jointure].Any())
            {
                lecture.Rejets.Add(new Rejet(entree.Fichier, entree.Ligne, jointure, entree.Operation == OperationAaf.Suppression
                    ? "Suppression d'une personne inconnue d'Ent : ignorée."
                    : entree.Type == TypeAaf.PersRelEleve
                        ? "Responsable qu'aucun élève ne nomme (ni dans l'export, ni dans Ent) : ignoré."
                        : "Personne sans établissement (aucune structure de rattachement ni fonction) : ignorée."));
                continue;
            }

            foreach (var e in ou[jointure])
            {
                etablissement(e).Ajouter(entree.Type, position);
            }
        }
    }

    /// <summary>
    /// Keeps the établissements the import may touch: every one for a region-wide import, the administrator's own
    /// otherwise; an établissement neither in the export nor in Ent is reported with its entries.
    /// </summary>
    private static async Task RetenirAsync(IEnumerable<EtablissementAImporter> tous, LectureAaf lecture, NpgsqlDataSource db, Guid? seul, CancellationToken ct)
    {
        var liste = tous.ToList();
        await using var conn = await db.OpenConnectionAsync(ct);
        var connus = (await conn.QueryAsync<(Guid Id, string Jointure, string Uai)>(new CommandDefinition(
                "SELECT id, jointure_aaf, uai FROM identite.etablissement WHERE jointure_aaf = ANY(@jointures)",
                new { jointures = liste.Select(e => e.Jointure).ToArray() }, cancellationToken: ct)))
            .ToDictionary(e => e.Jointure, StringComparer.Ordinal);
        (string Uai, string? Jointure)? autorise = null;
        if (seul is { } id)
        {
            autorise = await conn.QuerySingleAsync<(string, string?)>(new CommandDefinition(
                "SELECT uai, jointure_aaf FROM identite.etablissement WHERE id = @id", new { id }, cancellationToken: ct));
        }

        foreach (var e in liste.OrderBy(e => e.Jointure, StringComparer.Ordinal))
        {
            var uai = e.Entree?.Valeur("ENTStructureUAI") ?? (connus.TryGetValue(e.Jointure, out var c) ? c.Uai : null);
            if (autorise is { } a && !(a.Jointure == e.Jointure || (a.Jointure is null && uai == a.Uai)))
            {
                lecture.Rejets.Add(new Rejet(e.Entree?.Fichier ?? "EtabEducNat", e.Entree?.Ligne, e.Jointure,
                    $"Établissement {uai ?? e.Jointure} hors de votre périmètre : ses {e.Entrees.Count} entrée(s) sont ignorées " +
                    "(un administrateur d'établissement n'importe que le sien ; un administrateur de la région importe tous les établissements)."));
                continue;
            }

            if (e.Entree is null && !connus.ContainsKey(e.Jointure))
            {
                lecture.Rejets.Add(new Rejet("EtabEducNat", null, e.Jointure,
                    $"Établissement de jointure {e.Jointure} absent de l'export (fichier EtabEducNat) et inconnu d'Ent : ses {e.Entrees.Count} entrée(s) sont ignorées."));
                continue;
            }

            if (e.Entree is { Operation: OperationAaf.Suppression })
            {
                lecture.Rejets.Add(new Rejet(e.Entree.Fichier, e.Entree.Ligne, e.Jointure,
                    "Suppression d'un établissement : ignorée (un établissement n'est jamais supprimé ; ses personnes le sont par leurs propres entrées)."));
                e.Entree = null;
                if (!connus.ContainsKey(e.Jointure))
                {
                    continue;
                }
            }

            lecture.Etablissements.Add(e);
        }
    }
}
