using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// The national services are outside Ent's reach: for the end-to-end tests, this WireMock.Net server stands in for the
// SMS gateway. It accepts every POST /messages (202, with a reference) and keeps the requests, which the browser tests
// read back through WireMock's admin API (GET /__admin/requests). Usage: Ent.PasserelleSms.Bouchon <port>.
// It stops when its standard input closes or on SIGTERM.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0;
using var serveur = WireMockServer.Start(new WireMockServerSettings
{
    Port = port,
    StartAdminInterface = true,
    ReadStaticMappings = false,
});
serveur.Given(Request.Create().WithPath("/messages").UsingPost())
    .RespondWith(Response.Create().WithCallback(_ => new WireMock.ResponseMessage
    {
        StatusCode = 202,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new WireMock.Util.BodyData
        {
            DetectedBodyType = WireMock.Types.BodyType.String,
            BodyAsString = $"{{\"id\":\"bouchon-{Guid.NewGuid():N}\"}}",
        },
    }));

Console.WriteLine($"Passerelle SMS de test prête sur {serveur.Url}");
using var arret = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => arret.Cancel();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; arret.Cancel(); };
try
{
    await Task.Delay(Timeout.Infinite, arret.Token);
}
catch (OperationCanceledException)
{
}
