using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Ent.Identite.Oidc;

/// <summary>
/// OpenIddict's stores (applications, authorizations, scopes, tokens) through EF Core, in schema identite. The tables
/// are created by migration 0002 (generated once from this model), never by EF at run time.
/// </summary>
internal sealed class OidcDbContext(DbContextOptions<OidcDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("identite");
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("oidc_application");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("oidc_autorisation");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("oidc_portee");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("oidc_jeton");
    }
}
