using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Ressources.Gar;

/// <summary>A person as the GAR knows them in one établissement: their pseudonym and their GAR profile.</summary>
/// <param name="PersonneId">The person (never sent to the GAR).</param>
/// <param name="Identifiant">GARPersonIdentifiant: the stable pseudonym.</param>
/// <param name="Etablissement">The établissement.</param>
/// <param name="Profil">The GAR's profile: National_elv, National_ens, National_doc, National_dir.</param>
internal sealed record UtilisateurGar(Guid PersonneId, Guid Identifiant, EtablissementInfo Etablissement, string Profil);

/// <summary>
/// Who uses the GAR: pupils, teachers, the documentalist and the head (the GAR's profiles); never guardians (the GAR
/// serves no family account: they see what their child opened, in Ent). The pseudonym is made once per person.
/// </summary>
internal sealed class UtilisateursGar(NpgsqlDataSource db, IRattachements rattachements, IAnnuaire annuaire, TimeProvider horloge)
{
    /// <summary>The GAR profile of an Ent profile, or null when the GAR has none for it.</summary>
    internal static string? ProfilGar(ProfilActif p) => (p.Profil, p.Fonction) switch
    {
        (Profils.Eleve, _) => "National_elv",
        (Profils.Enseignant, _) => "National_ens",
        (Profils.Personnel, Fonctions.Documentaliste) => "National_doc",
        (Profils.Personnel, Fonctions.Direction) => "National_dir",
        _ => null,
    };

    /// <summary>The person in the établissement (null <paramref name="etablissementId"/>: their first établissement with a GAR profile).</summary>
    public async Task<UtilisateurGar?> TrouverAsync(Guid personneId, Guid? etablissementId, CancellationToken ct) =>
        await ProfilAsync(personneId, etablissementId, ct) is { } p
            ? new UtilisateurGar(personneId, await IdentifiantAsync(personneId, ct), p.Etablissement, p.Profil)
            : null;

    /// <summary>
    /// The établissement and GAR profile the person would use the GAR with, or null — without making their pseudonym
    /// (while the ENT is not connected to the GAR, none is made).
    /// </summary>
    public async Task<(EtablissementInfo Etablissement, string Profil)?> ProfilAsync(Guid personneId, Guid? etablissementId, CancellationToken ct)
    {
        var profil = (await rattachements.ProfilsAsync(personneId, ct))
            .Where(p => etablissementId is null || p.EtablissementId == etablissementId)
            .Select(p => (p.EtablissementId, Profil: ProfilGar(p)))
            .OrderBy(p => p.Profil == "National_elv" ? 0 : 1)
            .FirstOrDefault(p => p.Profil is not null);
        if (profil.Profil is null || await annuaire.TrouverEtablissementAsync(profil.EtablissementId, ct) is not { } etablissement)
        {
            return null;
        }

        return (etablissement, profil.Profil);
    }

    /// <summary>The person's GARPersonIdentifiant, made (random) the first time it is needed.</summary>
    public async Task<Guid> IdentifiantAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<Guid>(new CommandDefinition("""
            WITH nouveau AS (
                INSERT INTO ressources.gar_identifiant (personne_id, identifiant, cree_le)
                VALUES (@personneId, gen_random_uuid(), @maintenant)
                ON CONFLICT (personne_id) DO NOTHING
                RETURNING identifiant)
            SELECT identifiant FROM nouveau
            UNION ALL
            SELECT identifiant FROM ressources.gar_identifiant WHERE personne_id = @personneId
            LIMIT 1
            """, new { personneId, maintenant = horloge.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>
    /// The GARPersonIdentifiant of each given person, made (random) for those who have none yet: the same pseudonyms as
    /// <see cref="IdentifiantAsync"/>, in two statements for a whole établissement (the affectation flux).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Guid>> IdentifiantsAsync(IReadOnlyCollection<Guid> personneIds, CancellationToken ct)
    {
        var ids = personneIds.Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ressources.gar_identifiant (personne_id, identifiant, cree_le)
            SELECT p, gen_random_uuid(), @maintenant FROM unnest(@ids) AS p
            ON CONFLICT (personne_id) DO NOTHING
            """, new { ids, maintenant = horloge.GetUtcNow() }, cancellationToken: ct));
        return (await conn.QueryAsync<(Guid PersonneId, Guid Identifiant)>(new CommandDefinition("""
            SELECT personne_id, identifiant FROM ressources.gar_identifiant WHERE personne_id = ANY(@ids)
            """, new { ids }, cancellationToken: ct))).ToDictionary(r => r.PersonneId, r => r.Identifiant);
    }
}
