using Ent.Communication.Elections;

namespace Ent.Communication.Tests.Elections;

/// <summary>
/// « Plus fort reste », checked against results computed by hand (quotient = votes cast ÷ seats; whole quotients first,
/// then the largest remainders; a tie goes to more votes, then to the older candidate next in line).
/// </summary>
public sealed class RepartitionSiegesTests
{
    private static RepartitionSieges.ListeDecompte Liste(int voix, params string[] naissances) =>
        new(Guid.NewGuid(), voix, [.. naissances.Select(DateOnly.Parse)]);

    private static RepartitionSieges.ListeDecompte Liste(int voix, int candidats = 10) =>
        new(Guid.NewGuid(), voix, [.. Enumerable.Range(0, candidats).Select(i => new DateOnly(1980, 1, 1).AddDays(i))]);

    [Fact]
    public void Whole_quotients_then_the_largest_remainders()
    {
        // 7 seats, 2,500 votes: quotient 357.14. Whole quotients A 2, B 2, C 1, D 0 (5 seats); remainders A 285.7,
        // B 85.7, C 92.9, D 250: the two seats left go to A and D.
        Assert.Equal([3, 2, 1, 1], RepartitionSieges.Repartir(7, [Liste(1000), Liste(800), Liste(450), Liste(250)]));
    }

    [Fact]
    public void An_equal_remainder_goes_to_the_list_with_more_votes()
    {
        // 5 seats, 1,000 votes: quotient 200. A 2, B 1, C 1, D 0; remainders B 100 and D 100: B has more votes.
        Assert.Equal([2, 2, 1, 0], RepartitionSieges.Repartir(5, [Liste(400), Liste(300), Liste(200), Liste(100)]));
    }

    [Fact]
    public void Equal_remainders_and_votes_go_to_the_older_candidate()
    {
        // One seat, 50 votes each: B's first candidate (born 1975) is older than A's (1980).
        Assert.Equal([0, 1], RepartitionSieges.Repartir(1, [Liste(50, "1980-01-01"), Liste(50, "1975-05-05")]));

        // 3 seats, 150 each: one seat each by quotient, remainders and votes equal; the candidates next in line are each
        // list's second: A's (1960) is older than B's (1970), though B's first is older than A's.
        Assert.Equal([2, 1], RepartitionSieges.Repartir(3,
            [Liste(150, "1985-01-01", "1960-06-01"), Liste(150, "1950-01-01", "1970-06-01")]));
    }

    [Fact]
    public void A_list_gets_no_more_seats_than_candidates_and_a_list_without_votes_none()
    {
        // 4 seats, quotient 250: A (one candidate) would get 3 and gets 1; B's remainder takes the other three.
        Assert.Equal([1, 3], RepartitionSieges.Repartir(4, [Liste(900, 1), Liste(100, 3)]));

        // A list without a vote gets nothing, even with seats left over (they stay empty).
        Assert.Equal([1, 0], RepartitionSieges.Repartir(3, [Liste(10, 1), Liste(0, 5)]));

        // Nobody voted: no seat.
        Assert.Equal([0, 0], RepartitionSieges.Repartir(3, [Liste(0), Liste(0)]));
    }

    [Fact]
    public void Ties_to_the_older_candidate_on_the_last_seat_with_three_lists()
    {
        // 2 seats, 300 votes: quotient 150. A 100, B 100, C 100: no whole quotient; the three remainders and votes are
        // equal; the two oldest first candidates win: C (1962) and A (1968), not B (1990).
        Assert.Equal([1, 0, 1], RepartitionSieges.Repartir(2, [Liste(100, "1968-04-04"), Liste(100, "1990-02-02"), Liste(100, "1962-12-12")]));
    }
}
