namespace Ent.SeedRegion;

/// <summary>
/// Deterministic identifiers shaped like the application's own (UUID version 7), drawn in increasing order: the 48-bit
/// time field counts milliseconds from the school year's start, in a block of its own per lycée, so every table's keys
/// arrive in ascending order and COPY appends to its B-trees instead of splitting pages all over them. The random bits
/// come from the lycée's seeded generator.
/// </summary>
internal sealed class Ids(long debutMs, int etablissement, Random aleas)
{
    /// <summary>2^24 ids per lycée (≈ 4.7 hours of the time field); a lycée uses well under a million.</summary>
    private const long ParLycee = 1L << 24;

    private readonly long _base = debutMs + (etablissement * ParLycee);
    private long _suivant;

    public Guid Nouveau()
    {
        if (_suivant >= ParLycee)
        {
            throw new InvalidOperationException("Trop d'identifiants pour un lycée.");
        }

        var temps = _base + _suivant++;
        Span<byte> octets = stackalloc byte[16];
        aleas.NextBytes(octets[6..]);
        for (var i = 0; i < 6; i++)
        {
            octets[i] = (byte)(temps >> (8 * (5 - i)));
        }

        octets[6] = (byte)((octets[6] & 0x0F) | 0x70);
        octets[8] = (byte)((octets[8] & 0x3F) | 0x80);
        return new Guid(octets, bigEndian: true);
    }
}
