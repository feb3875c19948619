using System.Data;
using Dapper;

namespace Ent.Kernel.Database;

/// <summary>PostgreSQL <c>date</c> ↔ <see cref="DateOnly"/> for Dapper, which reads dates as DateTime by itself.</summary>
internal sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override DateOnly Parse(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new DataException($"Cannot read {value.GetType()} as DateOnly."),
    };

    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }
}
