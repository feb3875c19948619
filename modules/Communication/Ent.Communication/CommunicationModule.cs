using Ent.Communication.Annonces;
using Ent.Communication.Contracts;
using Ent.Communication.Messages;
using Ent.Communication.Notifications;
using Ent.Communication.Demo;
using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Evenements;
using Ent.Kernel.Modules;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Communication;

/// <summary>Communication: announcements, messages, notifications and their delivery (SMS, e-mail, in-app).</summary>
public static class CommunicationModule
{
    private static readonly EntModule Module = new("Communication", "communication",
        "Annonces, messagerie, notifications et leur acheminement (SMS, courriel, application).", typeof(CommunicationModule).Assembly);

    public static IServiceCollection AddCommunication(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddSingleton<IDemoData, CommunicationDemo>();
        services.AddSingleton<IMessagerie, Messagerie>();
        services.AddSingleton<IGestionnaireEvenement<NotesPubliees>, NotificationsNotes>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunication(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerAnnoncesPubliquesEndpoint.Map(group);
        ListerNotificationsEndpoint.Map(group);
        MarquerNotificationsLuesEndpoint.Map(group);
        return app;
    }
}
