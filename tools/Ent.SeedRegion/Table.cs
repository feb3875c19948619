using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Ent.SeedRegion;

/// <summary>
/// One binary COPY into a table: rows are streamed to the server as they are written, nothing is kept. Columns are
/// written in the order the COPY names them.
/// </summary>
internal sealed class Table
{
    private readonly NpgsqlBinaryImporter _copie;
    private long _lignes;

    private Table(NpgsqlBinaryImporter copie) => _copie = copie;

    /// <summary>
    /// Copies the rows <paramref name="ecrire"/> writes, and counts them once the server accepted them all (constraints
    /// are checked as rows arrive; the last ones when the COPY completes). On an error the COPY is cancelled.
    /// </summary>
    public static void Copier(NpgsqlConnection connexion, Compteurs compteurs, string nom, string colonnes, Action<Table> ecrire)
    {
        var debut = Stopwatch.GetTimestamp();
        using var copie = connexion.BeginBinaryImport($"COPY {nom} ({colonnes}) FROM STDIN (FORMAT BINARY)");
        var table = new Table(copie);
        ecrire(table);
        copie.Complete();
        compteurs.Ajouter(nom, table._lignes, Stopwatch.GetElapsedTime(debut));
    }

    public Table Ligne()
    {
        _copie.StartRow();
        _lignes++;
        return this;
    }

    public Table Uuid(Guid valeur) => Ecrire(valeur, NpgsqlDbType.Uuid);

    public Table Uuid(Guid? valeur) => valeur is { } v ? Ecrire(v, NpgsqlDbType.Uuid) : Null();

    public Table Texte(string? valeur) => valeur is null ? Null() : Ecrire(valeur, NpgsqlDbType.Text);

    public Table Date(DateOnly valeur) => Ecrire(valeur, NpgsqlDbType.Date);

    public Table Date(DateOnly? valeur) => valeur is { } v ? Ecrire(v, NpgsqlDbType.Date) : Null();

    public Table Heure(TimeOnly valeur) => Ecrire(valeur, NpgsqlDbType.Time);

    // timestamptz takes UTC DateTimes in Npgsql's binary protocol.
    public Table Instant(DateTimeOffset valeur) => Ecrire(valeur.UtcDateTime, NpgsqlDbType.TimestampTz);

    public Table Instant(DateTimeOffset? valeur) => valeur is { } v ? Instant(v) : Null();

    public Table Entier(int valeur) => Ecrire(valeur, NpgsqlDbType.Integer);

    public Table Entier(int? valeur) => valeur is { } v ? Ecrire(v, NpgsqlDbType.Integer) : Null();

    public Table Court(short valeur) => Ecrire(valeur, NpgsqlDbType.Smallint);

    public Table Booleen(bool valeur) => Ecrire(valeur, NpgsqlDbType.Boolean);

    public Table Nombre(decimal valeur) => Ecrire(valeur, NpgsqlDbType.Numeric);

    public Table Nombre(decimal? valeur) => valeur is { } v ? Ecrire(v, NpgsqlDbType.Numeric) : Null();

    public Table Null()
    {
        _copie.WriteNull();
        return this;
    }

    private Table Ecrire<T>(T valeur, NpgsqlDbType type)
    {
        _copie.Write(valeur, type);
        return this;
    }
}

/// <summary>Rows written per table and the time their COPY took (generation included), in the order tables were first written.</summary>
public sealed class Compteurs
{
    private readonly List<string> _ordre = [];
    private readonly Dictionary<string, (long Lignes, TimeSpan Duree)> _tables = [];

    public void Ajouter(string table, long lignes, TimeSpan duree)
    {
        if (_tables.TryGetValue(table, out var avant))
        {
            _tables[table] = (avant.Lignes + lignes, avant.Duree + duree);
        }
        else
        {
            _tables[table] = (lignes, duree);
            _ordre.Add(table);
        }
    }

    public void Ajouter(Compteurs autres)
    {
        ArgumentNullException.ThrowIfNull(autres);
        foreach (var (table, lignes, duree) in autres.ParTable)
        {
            Ajouter(table, lignes, duree);
        }
    }

    public IEnumerable<(string Table, long Lignes, TimeSpan Duree)> ParTable => _ordre.Select(t => (t, _tables[t].Lignes, _tables[t].Duree));

    public long this[string table] => _tables.TryGetValue(table, out var t) ? t.Lignes : 0;

    public long Total => _tables.Values.Sum(t => t.Lignes);
}
