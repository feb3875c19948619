using System.Data;
using Dapper;

namespace Ent.Kernel.Database;

/// <summary>
/// PostgreSQL <c>timestamptz</c> ↔ <see cref="DateTimeOffset"/> for Dapper: Npgsql reads a timestamptz as a UTC DateTime
/// (Dapper cannot hand it to a record's DateTimeOffset parameter by itself) and writes only UTC offsets, so an instant
/// a client sent as 08:00+01:00 is written as 07:00Z — the same instant.
/// </summary>
internal sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read {value.GetType()} as DateTimeOffset."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.ToUniversalTime();
    }
}
