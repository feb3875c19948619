using Ent.Testing;

// EduConnect is a national service outside Ent's reach: for the end-to-end tests, this process stands in for it with
// the .NET tests' EduConnectStub (a WireMock.Net OpenID provider on 127.0.0.1). The browser tests say who signs in at
// the next authorization with POST /__test/personne (EduConnectStub.Pilotage.cs). The host is configured with
// Ent:EduConnect:Authority = http://127.0.0.1:<port>, ClientId ent-educonnect, ClientSecret secret-de-test-educonnect,
// RequireHttpsMetadata false. Usage: Ent.EduConnect.Bouchon <port>. It stops on SIGTERM or Ctrl+C.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0;
using var stub = EduConnectStub.Demarrer(port: port);
stub.PiloterParHttp();

Console.WriteLine($"EduConnect de test prêt sur {stub.Authority} (client {stub.ClientId})");
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
