using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Database;
using Ent.Kernel.Evenements;
using Ent.Kernel.Rgpd;

namespace Ent.Identite.Rgpd;

/// <summary>
/// The end of a person's data in Ent (arrêté ENT, art. 6): three months after their right to an account ended — every
/// profile of theirs withdrawn by the directory (a pupil who left, a guardian whose children left, a teacher moved) —
/// the person is erased. One transaction per person: every module deletes what it keeps about them only
/// (<see cref="PersonneEffacee"/>), Identité deletes the account and its secrets, devices, ÉduConnect link, contact
/// changes, exports, tokens, guardian links and profiles, and blanks the person's row (name, birth date, INE, contacts,
/// directory key), keeping its id and the erasure's date. The records of past school years that still name the id (grades
/// of a class, absences, messages in a conversation) go with their year's purge. A person who comes back in a later
/// directory export is a new person. Region administrators are never erased this way.
/// </summary>
internal sealed class EffacementPersonnes(EntDatabase db, IEvenements evenements) : IPurgeRetention
{
    /// <summary>How long after the last profile's withdrawal.</summary>
    public const int MoisApresRetrait = 3;

    public string Nom => "identite.personne";

    public string Duree => $"le temps du droit au compte (un profil dans un établissement), puis {MoisApresRetrait} mois après le retrait du dernier profil";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = maintenant.AddMonths(-MoisApresRetrait);
        var total = 0;
        while (true)
        {
            IReadOnlyList<Guid> lot;
            await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
            {
                lot = [.. await conn.QueryAsync<Guid>(new CommandDefinition("""
                    SELECT p.id FROM identite.personne p
                    WHERE p.efface_le IS NULL
                      AND EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id)
                      AND NOT EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND (r.retire_le IS NULL OR r.retire_le >= @limite))
                      AND NOT EXISTS (SELECT 1 FROM identite.administrateur_region a WHERE a.personne_id = p.id)
                    ORDER BY p.id
                    LIMIT 100
                    """, new { limite }, cancellationToken: ct))];
            }

            foreach (var personneId in lot)
            {
                await EffacerAsync(personneId, limite, maintenant, ct);
            }

            total += lot.Count;
            if (lot.Count < 100)
            {
                return total;
            }
        }
    }

    private async Task EffacerAsync(Guid personneId, DateTimeOffset limite, DateTimeOffset maintenant, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Locked and checked again: an import may have given the person a profile back since the selection.
        var toujours = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT p.efface_le IS NULL
               AND NOT EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = p.id AND (r.retire_le IS NULL OR r.retire_le >= @limite))
            FROM identite.personne p WHERE p.id = @personneId FOR UPDATE
            """, new { personneId, limite }, tx, cancellationToken: ct));
        if (!toujours)
        {
            return;
        }

        await evenements.PublierAsync(new PersonneEffacee(personneId), conn, tx, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM identite.code_secours WHERE compte_id IN (SELECT id FROM identite.compte WHERE personne_id = @personneId);
            DELETE FROM identite.code_reinitialisation WHERE compte_id IN (SELECT id FROM identite.compte WHERE personne_id = @personneId);
            DELETE FROM identite.code_activation WHERE compte_id IN (SELECT id FROM identite.compte WHERE personne_id = @personneId);
            UPDATE identite.code_activation SET cree_par = NULL WHERE cree_par = @personneId;
            DELETE FROM identite.identite_externe WHERE compte_id IN (SELECT id FROM identite.compte WHERE personne_id = @personneId);
            DELETE FROM identite.oidc_jeton WHERE "Subject" = @sujet;
            DELETE FROM identite.oidc_jeton WHERE "AuthorizationId" IN (SELECT "Id" FROM identite.oidc_autorisation WHERE "Subject" = @sujet);
            DELETE FROM identite.oidc_autorisation WHERE "Subject" = @sujet;
            DELETE FROM identite.compte WHERE personne_id = @personneId;
            DELETE FROM identite.appareil WHERE personne_id = @personneId;
            DELETE FROM identite.changement_contact WHERE personne_id = @personneId;
            DELETE FROM identite.export_rgpd WHERE personne_id = @personneId OR demandeur_id = @personneId;
            UPDATE identite.import_aaf SET demande_par = NULL WHERE demande_par = @personneId;
            DELETE FROM identite.lien_responsable WHERE responsable_id = @personneId OR eleve_id = @personneId;
            DELETE FROM identite.rattachement WHERE personne_id = @personneId;
            UPDATE identite.personne
            SET nom = 'Personne effacée', prenom = '', date_naissance = NULL, ine = NULL, email = NULL, mobile = NULL,
                civilite = NULL, jointure_aaf = NULL, eleve_id_national = NULL, efface_le = @maintenant
            WHERE id = @personneId;
            """, new { personneId, sujet = personneId.ToString(), maintenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
