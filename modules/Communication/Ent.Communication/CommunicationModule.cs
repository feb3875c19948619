using Ent.Communication.Acheminement;
using Ent.Communication.Agenda;
using Ent.Communication.Annonces;
using Ent.Communication.Audiences;
using Ent.Communication.Contracts;
using Ent.Communication.Consentements;
using Ent.Communication.Conversations;
using Ent.Communication.Elections;
using Ent.Communication.Messages;
using Ent.Communication.Moderation;
using Ent.Communication.Notifications;
using Ent.Communication.Preferences;
using Ent.Communication.Signalements;
using Ent.Communication.Suivi;
using Ent.Communication.Demo;
using Ent.Kernel;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Ent.Kernel.Demo;
using Ent.Kernel.Evenements;
using Ent.Kernel.Modules;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using System.Net;

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
        services.AddSingleton<Ent.Kernel.Rgpd.IContributionExport, Rgpd.ContributionCommunication>();
        services.AddSingleton<IGestionnaireEvenement<NotesPubliees>, NotificationsNotes>();
        services.AddSingleton<NotificationsVieScolaire>();
        services.AddSingleton<IGestionnaireEvenement<AbsencesSignalees>>(sp => sp.GetRequiredService<NotificationsVieScolaire>());
        services.AddSingleton<IGestionnaireEvenement<AbsencesAnnulees>>(sp => sp.GetRequiredService<NotificationsVieScolaire>());
        services.AddSingleton<IGestionnaireEvenement<JustificatifDecide>>(sp => sp.GetRequiredService<NotificationsVieScolaire>());
        services.AddSingleton<IGestionnaireEvenement<PassageInfirmerieSignale>, NotificationsSante>();
        services.AddSingleton<IGestionnaireEvenement<CoursModifies>, NotificationsEmploiDuTemps>(); // issue #15: lesson changes
        // Official announcements (issue #16, annonces): the audience model, shared with the calendar.
        services.AddSingleton<ResolutionAudience>();
        services.AddSingleton<IDemoData, AnnoncesDemo>();
        services.AddSingleton<StockageAnnonces>(); // Communication's documents folder (its options and check below)
        // issue 17 (consentements): consent forms for outings and projects, their documents, the demo's outing.
        services.AddSingleton<StockageConsentements>();
        services.AddSingleton<IDemoData, ConsentementsDemo>();

        // issue 16 (agenda): the school calendar; Scolarité's iCal feed reads it through ICalendrierEtablissement.
        services.AddSingleton<Regards>();
        services.AddSingleton<Calendrier>();
        services.AddSingleton<NotificationsAgenda>();
        services.AddSingleton<ICalendrierEtablissement>(sp => sp.GetRequiredService<Calendrier>());
        services.AddSingleton<IDemoData, AgendaDemo>();
        services.AddSingleton<StockagePiecesJointesAgenda>(); // Communication's documents folder (its options and check below)
        // Messagerie (issue 16): rules as data, attachments in Communication's own documents folder, demo conversations.
        services.AddSingleton<ReglesMessagerie>();
        services.AddOptions<DocumentsCommunicationOptions>().BindConfiguration(DocumentsCommunicationOptions.Section);
        services.AddSingleton<StockagePiecesJointesMessagerie>();
        services.AddHealthChecks().AddCheck<StockageDocumentsHealthCheck<StockagePiecesJointesMessagerie>>("documents-communication", tags: ["ready"]);
        services.AddSingleton<IDemoData, MessagerieDemo>();
        // Messagerie, finished (issue 16): the daily e-mail digest of unread messages, the purge of attachments never sent.
        services.AddOptions<MessagerieOptions>().BindConfiguration(MessagerieOptions.Section)
            .Validate(o => o.HeureResume is >= 6 and <= 22 && o.IntervalleSecondes >= 1 && o.RattrapageHeures >= 1 && o.PurgePiecesJointesHeures >= 1,
                "Ent:Messagerie : HeureResume entre 6 et 22 (jamais la nuit, ni dans le changement d'heure) ; IntervalleSecondes, RattrapageHeures et PurgePiecesJointesHeures au moins 1.")
            .ValidateOnStart();
        services.AddSingleton<ResumesMessagerie>();
        services.AddSingleton<PurgePiecesJointesMessagerie>();
        services.AddHostedService<EntretienMessagerie>();
        // Parents' elections (issue 17): the electors frozen at opening, the urn sealed at closing, demo elections.
        services.AddSingleton<Scrutins>();
        services.AddHostedService<EntretienElections>();
        services.AddSingleton<IDemoData, ElectionsDemo>();
        // issue 17 (signalements): structured reports; their files in Communication's documents folder (the messages' storage).
        services.AddSingleton<AccesSignalements>();
        services.AddSingleton<IDemoData, SignalementsDemo>();

        // Delivery of the outbox: SMS gateway (generic JSON, Polly retries), SMTP, in-app; a worker per instance.
        // Retention of the outbox and the in-app notifications (issue 18), run by Identité's daily scheduler.
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeMessagesSortants>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeNotifications>();
        // Retention of messaging, announcements, calendar, elections, reports and consent forms (issue 18): each purge
        // names its rule; the register (docs/registre-des-traitements/communication.md) names the purge.
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeConversations>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeBrouillons>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeModerationMessagerie>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeAnnonces>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeAnnoncesPubliques>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeEvenements>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeListesElectorales>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeElections>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeDossiersSignalement>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeFormulairesSignalement>();
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, PurgeConsentements>();
        // A person erased by Identité: their preferences and drafts, in its transaction.
        services.AddSingleton<IGestionnaireEvenement<Ent.Identite.Contracts.PersonneEffacee>, Rgpd.EffacementPersonneCommunication>();
        services.AddOptions<AcheminementOptions>().BindConfiguration(AcheminementOptions.Section)
            .Validate<IOptions<SmsOptions>, IOptions<SmtpOptions>, IOptions<Push.PushOptions>>((o, sms, smtp, push) =>
                    o.BailSecondes >= PasserelleSmsJson.DelaiTotal(sms.Value.DelaiSecondes).TotalSeconds + 3
                    && (string.IsNullOrWhiteSpace(smtp.Value.Hote) || o.BailSecondes >= smtp.Value.DelaiSecondes + 3)
                    && (!push.Value.Actif || o.BailSecondes >= push.Value.DelaiSecondes * 2 + 5),
                "Ent:Acheminement:BailSecondes doit dépasser la durée maximale d'un envoi (2 × Ent:Sms:DelaiSecondes ; Ent:Smtp:DelaiSecondes ; 2 × Ent:Push:DelaiSecondes) de 3 s au moins.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .PostConfigure(SmsOptions.AjouterBarreFinale)
            .Validate(o => o.Url is null || SmsOptions.UrlValide(o.Url), SmsOptions.MessageUrlInvalide)
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddHttpClient<IFournisseurSms, PasserelleSmsJson>()
            .AddResilienceHandler("passerelle-sms", (pipeline, contexte) =>
            {
                var delai = contexte.ServiceProvider.GetRequiredService<IOptions<SmsOptions>>().Value.DelaiSecondes;
                // The whole try, quick retries included, is bounded: a batch's deadline counts on it.
                pipeline.AddTimeout(PasserelleSmsJson.DelaiTotal(delai));
                // Retried at once only what certainly did not reach the gateway or was refused by it for now (a failed
                // connection, 5xx, 429); never a timeout (the gateway may have the message): that waits for the outbox.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential, UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException e } => e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
                        { Result: { } r } => r.StatusCode is HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500,
                        _ => false,
                    }),
                });
                // A gateway that keeps failing (errors or timeouts) is left alone for a few seconds: its messages wait in
                // the outbox instead of each holding a sender for the whole timeout.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5, MinimumThroughput = 5, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(5),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(delai));
            });
        services.AddSingleton<IFournisseurCourriel, CourrielSmtp>();
        // Web Push (issue 19): the fourth channel — VAPID keys generated once and kept protected, one outbox row per
        // person sent to each of their devices, quiet hours as SMS.
        services.AddOptions<Push.PushOptions>().BindConfiguration(Push.PushOptions.Section)
            .Validate(o => o.Valide(), Push.PushOptions.MessageInvalide)
            .ValidateOnStart();
        services.AddSingleton<Push.ClesVapid>();
        services.AddSingleton<Push.DestinatairesPush>();
        services.AddHttpClient<IFournisseurPush, Push.DistributionPush>(http => http.Timeout = Timeout.InfiniteTimeSpan); // bounded per message
        services.AddSingleton<Ent.Kernel.Rgpd.IPurgeRetention, Push.PurgeAbonnementsPush>();
        services.AddSingleton<Acheminement.Acheminement>();
        services.AddHostedService<TravailleurAcheminement>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunication(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup(Module);
        ListerAnnoncesPubliquesEndpoint.Map(group);
        ListerNotificationsEndpoint.Map(group);
        MarquerNotificationsLuesEndpoint.Map(group);
        ObtenirPreferencesEndpoint.Map(group);
        ModifierPreferencesEndpoint.Map(group);
        // Web Push (issue 19): the public key, my devices, the kinds I want as push.
        Push.ObtenirClePubliquePushEndpoint.Map(group);
        Push.ListerAbonnementsPushEndpoint.Map(group);
        Push.EnregistrerAbonnementPushEndpoint.Map(group);
        Push.SupprimerAbonnementPushEndpoint.Map(group);
        Push.ObtenirPreferencesPushEndpoint.Map(group);
        Push.ModifierPreferencesPushEndpoint.Map(group);

        // The fate of the messages to families, for the vie scolaire desk; the SMS gateway's delivery receipts.
        ListerEnvoisEleveEndpoint.Map(group);
        ListerEnvoisEtablissementEndpoint.Map(group);
        RecevoirAccuseReceptionEndpoint.Map(group);

        // issue 16 (agenda): the school calendar.
        ListerMesEvenementsEndpoint.Map(group);
        ListerEvenementsEtablissementEndpoint.Map(group);
        ObtenirContexteAgendaEndpoint.Map(group);
        CreerEvenementEndpoint.Map(group);
        ModifierEvenementEndpoint.Map(group);
        SupprimerEvenementEndpoint.Map(group);
        TelechargerEvenementEndpoint.Map(group);
        DeposerPieceJointeEvenementEndpoint.Map(group);
        TelechargerPieceJointeEvenementEndpoint.Map(group);
        // Messagerie (issue 16): my conversations, drafts and attachments; whom I may write to; reports.
        ObtenirMaMessagerieEndpoint.Map(group);
        ListerDestinatairesEndpoint.Map(group);
        ListerMesConversationsEndpoint.Map(group);
        EnvoyerMessageEndpoint.Map(group);
        ObtenirConversationEndpoint.Map(group);
        RepondreConversationEndpoint.Map(group);
        MarquerConversationLueEndpoint.Map(group);
        ArchiverConversationEndpoint.Map(group);
        DeposerPieceJointeMessageEndpoint.Map(group);
        TelechargerPieceJointeMessageEndpoint.Map(group);
        ListerMesBrouillonsEndpoint.Map(group);
        EnregistrerBrouillonEndpoint.Map(group);
        SupprimerBrouillonEndpoint.Map(group);
        SignalerMessageEndpoint.Map(group);
        ObtenirPreferencesMessagerieEndpoint.Map(group);
        ModifierPreferencesMessagerieEndpoint.Map(group);
        // The établissement's administrators: rules, switches, reports and blocks; the region's switch.
        ObtenirReglesMessagerieEndpoint.Map(group);
        ModifierReglesMessagerieEndpoint.Map(group);
        ObtenirModerationMessagerieEndpoint.Map(group);
        SuspendreMessagerieEndpoint.Map(group);
        BloquerExpediteurEndpoint.Map(group);
        TraiterSignalementEndpoint.Map(group);
        SuspendreMessagerieRegionEndpoint.Map(group);
        // Official announcements (issue #16, annonces): publication to an audience, the recipients' list, read
        // acknowledgement, its follow-up per class and the reminder of the families that have not confirmed.
        ObtenirAudiencesAnnonceEndpoint.Map(group);
        PublierAnnonceEndpoint.Map(group);
        ListerAnnoncesEtablissementEndpoint.Map(group);
        ListerMesAnnoncesEndpoint.Map(group);
        LireAnnonceEndpoint.Map(group);
        ConfirmerLectureAnnonceEndpoint.Map(group);
        SuivreAnnonceEndpoint.Map(group);
        RelancerAnnonceEndpoint.Map(group);
        DeposerPieceJointeAnnonceEndpoint.Map(group);
        TelechargerPieceJointeAnnonceEndpoint.Map(group);
        ModifierAnnonceEndpoint.Map(group);
        RetirerAnnonceEndpoint.Map(group);
        SupprimerPieceJointeAnnonceEndpoint.Map(group);
        // Parents' elections with a secret ballot (issue 17).
        CreerElectionEndpoint.Map(group);
        ListerElectionsEtablissementEndpoint.Map(group);
        ListerMesElectionsEndpoint.Map(group);
        ObtenirElectionEndpoint.Map(group);
        VoterEndpoint.Map(group);
        VerifierRecuEndpoint.Map(group);
        SaisirResultatsBureauEndpoint.Map(group);
        ObtenirResultatsElectionEndpoint.Map(group);
        PublierResultatsElectionEndpoint.Map(group);
        // issue 17 (signalements): forms built by staff, reports filed by pupils and guardians, handled by their receivers.
        ListerFormulairesSignalementEndpoint.Map(group);
        CreerFormulaireSignalementEndpoint.Map(group);
        ActiverFormulaireSignalementEndpoint.Map(group);
        ModifierFormulaireSignalementEndpoint.Map(group);
        ListerMesFormulairesSignalementEndpoint.Map(group);
        DeposerPieceJointeSignalementEndpoint.Map(group);
        DeposerSignalementEndpoint.Map(group);
        ListerMesSignalementsEndpoint.Map(group);
        ListerSignalementsEtablissementEndpoint.Map(group);
        ObtenirSignalementEndpoint.Map(group);
        RepondreSignalementEndpoint.Map(group);
        ChangerEtatSignalementEndpoint.Map(group);
        TelechargerPieceJointeSignalementEndpoint.Map(group);
        // issue 17 (consentements): consent forms for outings and projects — the organiser's list and form, the families'
        // signed answers, the per-pupil follow-up, the reminder, the exports for the day of the outing, the documents.
        ListerConsentementsEtablissementEndpoint.Map(group);
        CreerConsentementEndpoint.Map(group);
        SuivreConsentementEndpoint.Map(group);
        RelancerConsentementEndpoint.Map(group);
        ExporterConsentementCsvEndpoint.Map(group);
        ExporterConsentementPdfEndpoint.Map(group);
        ListerMesConsentementsEndpoint.Map(group);
        RepondreConsentementEndpoint.Map(group);
        DeposerPieceJointeConsentementEndpoint.Map(group);
        TelechargerPieceJointeConsentementEndpoint.Map(group);
        return app;
    }
}
