using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Kernel.Evenements;

/// <summary>
/// A module's reaction to another module's event (declared in the emitter's Contracts). It runs inside the emitter's
/// transaction: what it writes exists if and only if the change that caused it was committed.
/// </summary>
public interface IGestionnaireEvenement<in T>
{
    Task TraiterAsync(T evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct);
}

/// <summary>In-process publication of domain events to every module that registered a handler.</summary>
public interface IEvenements
{
    Task PublierAsync<T>(T evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct);
}

internal sealed class Evenements(IServiceProvider services) : IEvenements
{
    public async Task PublierAsync<T>(T evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        foreach (var gestionnaire in services.GetServices<IGestionnaireEvenement<T>>())
        {
            await gestionnaire.TraiterAsync(evenement, connexion, transaction, ct);
        }
    }
}
