using System.Diagnostics;

namespace Ent.Bench;

/// <summary>
/// Token refresh (grant_type=refresh_token) in a loop of our own: refresh tokens rotate and a used one dies, so each
/// worker owns some users' chains and always sends the newest token of the next one. wrk cannot follow a chain.
/// </summary>
internal static class Rafraichissement
{
    public static async Task<Mesure> MesurerAsync(string url, string[] chaines, int travailleurs, int secondes)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = travailleurs }) { BaseAddress = new Uri(url) };
        var fin = Stopwatch.GetTimestamp() + (long)(secondes * (double)Stopwatch.Frequency);
        var durees = new List<double>[travailleurs];
        long echecs = 0;
        var chrono = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, travailleurs).Select(async w =>
        {
            var mes = Enumerable.Range(0, chaines.Length).Where(i => i % travailleurs == w).ToArray();
            durees[w] = [];
            for (var k = 0; mes.Length > 0 && Stopwatch.GetTimestamp() < fin; k++)
            {
                var i = mes[k % mes.Length];
                var debut = Stopwatch.GetTimestamp();
                using var reponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token", ["client_id"] = "ent-spa", ["refresh_token"] = chaines[i],
                }));
                var corps = await reponse.Content.ReadAsStringAsync();
                durees[w].Add(Stopwatch.GetElapsedTime(debut).TotalMilliseconds);
                if (!reponse.IsSuccessStatusCode) { Interlocked.Increment(ref echecs); continue; }
                using var json = System.Text.Json.JsonDocument.Parse(corps);
                chaines[i] = json.RootElement.GetProperty("refresh_token").GetString()!;
            }
        }));
        var toutes = durees.SelectMany(d => d).Order().ToArray();
        double P(double q) => toutes.Length == 0 ? 0 : toutes[Math.Min(toutes.Length - 1, (int)(q * toutes.Length))];
        return new Mesure(travailleurs, toutes.Length / chrono.Elapsed.TotalSeconds, P(0.5), P(0.99), toutes.Length, echecs, 0);
    }
}
