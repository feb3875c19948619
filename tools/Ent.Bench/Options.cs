using System.Globalization;

namespace Ent.Bench;

/// <summary>The command line: <c>--option valeur</c> pairs, each with a default suited to 2 cores.</summary>
internal sealed record Options
{
    public string Dossier { get; init; } = Path.Combine(".data", "region");
    public int PortEnt { get; init; } = 5380;
    public int PortBase { get; init; } = 5381;
    public int PortSms { get; init; } = 5382;
    public int Parents { get; init; } = 200;
    public int Eleves { get; init; } = 200;
    public int Profs { get; init; } = 50;
    public int Connexions { get; init; } = 32;
    public int Threads { get; init; } = 2;
    public int Duree { get; init; } = 20;
    public int Echauffement { get; init; } = 5;
    public string Scenarios { get; init; } = "abcdefgmij"; // issue 16: m (messagerie), i and j (annonces; j last: its notifications are delivered in the background)
    public string Etiquette { get; init; } = "run";
    public long Decalage { get; init; }

    /// <summary>Issue #16: lycées where scenario j publishes one announcement to every family (first by UAI).</summary>
    public int Publications { get; init; } = 5;

    public static Options Lire(string[] args)
    {
        var o = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            int N() => int.Parse(v, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--dossier" => o with { Dossier = v },
                "--port-ent" => o with { PortEnt = N() },
                "--port-base" => o with { PortBase = N() },
                "--port-sms" => o with { PortSms = N() },
                "--parents" => o with { Parents = N() },
                "--eleves" => o with { Eleves = N() },
                "--profs" => o with { Profs = N() },
                "--connexions" => o with { Connexions = N() },
                "--threads" => o with { Threads = N() },
                "--duree" => o with { Duree = N() },
                "--echauffement" => o with { Echauffement = N() },
                "--scenarios" => o with { Scenarios = v },
                "--etiquette" => o with { Etiquette = v },
                "--decalage" => o with { Decalage = N() },
                "--publications" => o with { Publications = N() },
                _ => throw new ArgumentException($"Option inconnue : {args[i]}"),
            };
        }

        return o;
    }
}
