using System.Data;
using System.Net;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Ent.Kernel.Database;

/// <summary>Lets Dapper pass an <see cref="IPAddress"/> (possibly null) as a PostgreSQL inet, and read one back.</summary>
internal sealed class IpAddressHandler : SqlMapper.TypeHandler<IPAddress>
{
    public override void SetValue(IDbDataParameter parameter, IPAddress? value)
    {
        parameter.Value = (object?)value ?? DBNull.Value;
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.Inet;
        }
    }

    public override IPAddress? Parse(object value) => value switch
    {
        IPAddress address => address,
        NpgsqlInet inet => inet.Address,
        string text => IPAddress.Parse(text),
        _ => null,
    };
}
