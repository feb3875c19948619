namespace Ent.Communication.Elections;

/// <summary>
/// The seats of a parents' election shared by « représentation proportionnelle au plus fort reste » (Code de
/// l'éducation, art. D. 411-3 and the election's rules): the electoral quotient is the votes cast for lists divided by
/// the seats; each list gets as many seats as it holds whole quotients; the seats left go one by one to the largest
/// remainders. A tie on the remainder goes to the list with more votes, then to the list whose candidate next in line is
/// the older. A list never gets more seats than it has candidates: the seat goes to the next remainder. A pure function,
/// in integers (remainders are compared multiplied by the seats, so no rounding ever decides a seat).
/// </summary>
internal static class RepartitionSieges
{
    /// <summary>A list as the count sees it: its votes and its candidates' dates of birth, in the list's order.</summary>
    internal sealed record ListeDecompte(Guid Id, int Voix, IReadOnlyList<DateOnly> NaissancesCandidats);

    /// <summary>Seats per list (same order as the input).</summary>
    public static int[] Repartir(int sieges, IReadOnlyList<ListeDecompte> listes)
    {
        ArgumentNullException.ThrowIfNull(listes);
        ArgumentOutOfRangeException.ThrowIfNegative(sieges);
        var resultat = new int[listes.Count];
        long exprimes = listes.Sum(l => (long)l.Voix);
        if (exprimes == 0 || sieges == 0)
        {
            return resultat;
        }

        // Whole quotients: floor(voix / (exprimes / sieges)) = floor(voix × sieges / exprimes).
        for (var i = 0; i < listes.Count; i++)
        {
            resultat[i] = (int)Math.Min(listes[i].Voix * (long)sieges / exprimes, listes[i].NaissancesCandidats.Count);
        }

        // The seats left, one at a time, to the largest remainder (× sieges: voix × sieges − seats × exprimes).
        var restants = sieges - resultat.Sum();
        while (restants > 0)
        {
            var meilleur = -1;
            for (var i = 0; i < listes.Count; i++)
            {
                if (resultat[i] >= listes[i].NaissancesCandidats.Count || listes[i].Voix == 0)
                {
                    continue;
                }

                if (meilleur < 0 || Compare(listes, resultat, i, meilleur, sieges, exprimes) > 0)
                {
                    meilleur = i;
                }
            }

            if (meilleur < 0)
            {
                break; // every list with votes has all its candidates elected: the seats left stay empty
            }

            resultat[meilleur]++;
            restants--;
        }

        return resultat;
    }

    /// <summary>Positive when list a should get the next seat before list b.</summary>
    private static int Compare(IReadOnlyList<ListeDecompte> listes, int[] attribues, int a, int b, int sieges, long exprimes)
    {
        var resteA = listes[a].Voix * (long)sieges - attribues[a] * exprimes;
        var resteB = listes[b].Voix * (long)sieges - attribues[b] * exprimes;
        if (resteA != resteB)
        {
            return resteA.CompareTo(resteB);
        }

        if (listes[a].Voix != listes[b].Voix)
        {
            return listes[a].Voix.CompareTo(listes[b].Voix);
        }

        // The older candidate next in line (the earlier date of birth) wins the seat.
        var naissanceA = listes[a].NaissancesCandidats[attribues[a]];
        var naissanceB = listes[b].NaissancesCandidats[attribues[b]];
        return naissanceB.CompareTo(naissanceA);
    }
}
