namespace Ent.Scolarite.Bulletins;

/// <summary>Placeholder until the PDF renderer lands (branch pdf): replaced by the real one at merge.</summary>
internal static class BulletinPdf
{
    public static byte[] Rendre(Bulletin bulletin) => throw new NotSupportedException(bulletin.Eleve);
}
