namespace Ent.Identite.Contracts;

/// <summary>
/// A person's data is being erased: their right to an account ended more than three months ago (every profile of
/// theirs withdrawn by the directory and no account left active — arrêté ENT, art. 6). Published by Identité's
/// retention purge inside the transaction that removes their identity; each module deletes in it what it keeps about
/// the person only (preferences, feeds, pseudonyms, health records…). Rows that belong to others' records too (grades
/// in a class, messages in a conversation, absences) go with their school year's purge, not here.
/// </summary>
public sealed record PersonneEffacee(Guid PersonneId);
