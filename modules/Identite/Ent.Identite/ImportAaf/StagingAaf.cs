namespace Ent.Identite.ImportAaf;

/// <summary>
/// The first pass's output: every person entry of the export, written compactly to a temporary file (deleted on
/// close) as the XML is read. The whole export is read — and a malformed file refuses the import — before anything is
/// applied; the second pass reads back, établissement by établissement, only the entries it needs.
/// </summary>
internal sealed class StagingAaf : IDisposable
{
    private readonly FileStream _fichier;
    private readonly BinaryWriter _ecriture;
    private readonly BinaryReader _lecture;
    private readonly List<string> _noms = [];
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);

    public StagingAaf()
    {
        var chemin = Path.Combine(Path.GetTempPath(), $"ent-import-aaf-{Guid.NewGuid():N}.bin");
        _fichier = new FileStream(chemin, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _ecriture = new BinaryWriter(_fichier, System.Text.Encoding.UTF8, leaveOpen: true);
        _lecture = new BinaryReader(_fichier, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Appends the entry; returns where it is, for <see cref="Lire"/>.</summary>
    public long Ecrire(EntreeAaf e)
    {
        var position = _fichier.Position = _fichier.Length;
        if (!_indices.TryGetValue(e.Fichier, out var indice))
        {
            _indices[e.Fichier] = indice = _noms.Count;
            _noms.Add(e.Fichier);
        }

        _ecriture.Write((byte)e.Type);
        _ecriture.Write((byte)e.Operation);
        _ecriture.Write(e.Id);
        _ecriture.Write(indice);
        _ecriture.Write(e.Ligne);
        _ecriture.Write(e.Attributs.Count);
        foreach (var (nom, valeurs) in e.Attributs)
        {
            _ecriture.Write(nom);
            _ecriture.Write(valeurs.Length);
            foreach (var v in valeurs)
            {
                _ecriture.Write(v);
            }
        }

        _ecriture.Flush();
        return position;
    }

    public EntreeAaf Lire(long position)
    {
        _fichier.Position = position;
        var type = (TypeAaf)_lecture.ReadByte();
        var operation = (OperationAaf)_lecture.ReadByte();
        var id = _lecture.ReadString();
        var fichier = _noms[_lecture.ReadInt32()];
        var ligne = _lecture.ReadInt32();
        var n = _lecture.ReadInt32();
        var attributs = new Dictionary<string, string[]>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var nom = _lecture.ReadString();
            var valeurs = new string[_lecture.ReadInt32()];
            for (var j = 0; j < valeurs.Length; j++)
            {
                valeurs[j] = _lecture.ReadString();
            }

            attributs[nom] = valeurs;
        }

        return new EntreeAaf(type, operation, id, fichier, ligne, attributs);
    }

    public void Dispose()
    {
        _ecriture.Dispose();
        _lecture.Dispose();
        _fichier.Dispose();
    }
}
