using Ent.Kernel;
using Ent.Kernel.Http;
using Ent.Kernel.Modules;
using Ent.VieScolaire.Documents;
using Ent.VieScolaire.Justificatifs;
using Ent.VieScolaire.Motifs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.VieScolaire;

/// <summary>Vie scolaire: roll calls, absences and lateness, justifications, exit authorisations.</summary>
public static class VieScolaireModule
{
    private static readonly EntModule Module = new("VieScolaire", "viescolaire",
        "Appel, absences et retards, justificatifs des familles, autorisations de sortie.", typeof(VieScolaireModule).Assembly);

    public static IServiceCollection AddVieScolaire(this IServiceCollection services)
    {
        services.AddEntModule(Module);
        services.AddOptions<DocumentsOptions>().BindConfiguration(DocumentsOptions.Section);
        services.AddSingleton<StockageDocuments>();
        return services;
    }

    public static IEndpointRouteBuilder MapVieScolaire(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerMotifsAbsenceEndpoint.Map(group);
        DeposerJustificatifEndpoint.Map(group);
        ListerJustificatifsEleveEndpoint.Map(group);
        ListerJustificatifsEtablissementEndpoint.Map(group);
        DeciderJustificatifEndpoint.Map(group);
        TelechargerDocumentJustificatifEndpoint.Map(group);
        return app;
    }
}
