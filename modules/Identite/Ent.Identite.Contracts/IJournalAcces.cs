using System.Net;
using System.Security.Claims;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http;

namespace Ent.Identite.Contracts;

public enum ActionAcces
{
    Lecture,
    Modification,
}

/// <summary>One read or change of a pupil's personal data, as the access log records it.</summary>
/// <param name="PersonneId">Who acted, when a person did (null for an application acting on its own).</param>
/// <param name="ClientId">The third-party application's OAuth client id, when the call came through one.</param>
/// <param name="EleveId">Whose data.</param>
/// <param name="Domaine">Which part of the pupil's data.</param>
/// <param name="Action">Read or change.</param>
/// <param name="Quoi">What, as a short stable text: the endpoint's name (e.g. <c>ListerNotesEleve</c>).</param>
/// <param name="Adresse">The caller's IP address.</param>
/// <param name="EtablissementId">The établissement concerned; null takes the pupil's own établissement.</param>
public sealed record AccesDonnees(
    Guid? PersonneId,
    string? ClientId,
    Guid EleveId,
    Domaine Domaine,
    ActionAcces Action,
    string Quoi,
    IPAddress? Adresse,
    Guid? EtablissementId = null);

/// <summary>
/// The access log (RGPD): every read or change of a pupil's personal data through the API appends one row — who, when,
/// which pupil, what, from which address. Append-only: the database refuses updates and deletes outside the purge of
/// rows older than the retention (Ent:JournalAcces:RetentionJours, one year by default).
/// </summary>
public interface IJournalAcces
{
    /// <summary>Appends one row (one INSERT). Call it once the access was allowed, before answering.</summary>
    Task NoterAsync(AccesDonnees acces, CancellationToken ct);

    /// <summary>The same access to several pupils (a teacher's class grid): one row per pupil, in one statement.</summary>
    Task NoterAsync(AccesDonnees acces, IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);
}

public static class JournalAccesExtensions
{
    /// <summary>Records an endpoint's access: the caller, its application (token claim <c>client_id</c>) and address.</summary>
    public static Task NoterAsync(this IJournalAcces journal, HttpContext http, ICurrentUser utilisateur, Guid eleveId,
        Domaine domaine, ActionAcces action, string quoi, CancellationToken ct) =>
        journal.NoterAsync(new AccesDonnees(utilisateur.PersonneId, http.User.FindFirstValue("client_id"), eleveId, domaine, action, quoi,
            http.Connection.RemoteIpAddress), ct);

    /// <summary>Records an endpoint's access to several pupils at once (nothing when the list is empty).</summary>
    public static Task NoterAsync(this IJournalAcces journal, HttpContext http, ICurrentUser utilisateur, IReadOnlyCollection<Guid> eleveIds,
        Domaine domaine, ActionAcces action, string quoi, CancellationToken ct) =>
        eleveIds.Count == 0
            ? Task.CompletedTask
            : journal.NoterAsync(new AccesDonnees(utilisateur.PersonneId, http.User.FindFirstValue("client_id"), Guid.Empty, domaine, action,
                quoi, http.Connection.RemoteIpAddress), eleveIds, ct);
}
