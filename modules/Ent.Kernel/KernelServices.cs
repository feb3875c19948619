using Ent.Kernel.Database;
using Ent.Kernel.Evenements;
using Ent.Kernel.Http;
using Ent.Kernel.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ent.Kernel;

public static class KernelServices
{
    /// <summary>Database (configured or embedded), migrations, problem details, current user and in-process events.</summary>
    public static IServiceCollection AddEntKernel(this IServiceCollection services, IConfiguration configuration)
    {
        // snake_case columns map to PascalCase members: SQL stays idiomatic, records stay C#.
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.AddTypeHandler(new IpAddressHandler());
        Dapper.SqlMapper.AddTypeHandler(new DateOnlyHandler());
        Dapper.SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<EntDatabase>();
        services.AddSingleton<NpgsqlDataSource>(sp => sp.GetRequiredService<EntDatabase>().DataSource);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<StartupState>();
        services.AddHostedService<DatabaseStartup>();
        // The check bounds its own wait (DatabaseHealthCheck.Delai); the registration's timeout is a second guard.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: DatabaseHealthCheck.Delai + TimeSpan.FromSeconds(1));
        services.AddSingleton<JournalIndisponibilite>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problemes.Customize);
        // After the framework's writer (registered by AddProblemDetails): used when that one declines.
        services.AddSingleton<IProblemDetailsWriter, ProblemeToujoursJson>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<IEvenements, Evenements.Evenements>();
        return services;
    }

    /// <summary>Declares a module: its schema is migrated at start-up and its tag documented.</summary>
    public static IServiceCollection AddEntModule(this IServiceCollection services, EntModule module) =>
        services.AddSingleton(module);
}
