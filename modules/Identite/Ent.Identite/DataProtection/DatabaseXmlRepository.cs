using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Ent.Kernel.Database;

namespace Ent.Identite.DataProtection;

/// <summary>
/// Data-protection keys in the database rather than on one machine's disk, so that every host instance behind a load
/// balancer reads what another protected, and a restart loses nothing.
/// Built before the database is up (the key ring is created at host start): it reaches the database only when used.
/// </summary>
internal sealed class DatabaseXmlRepository(EntDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = database.DataSource.OpenConnection();
        return [.. conn.Query<string>("SELECT xml FROM identite.cle_protection_donnees ORDER BY cree_le").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = database.DataSource.OpenConnection();
        conn.Execute(
            "INSERT INTO identite.cle_protection_donnees (nom, xml) VALUES (@nom, @xml) ON CONFLICT (nom) DO UPDATE SET xml = excluded.xml",
            new { nom = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
