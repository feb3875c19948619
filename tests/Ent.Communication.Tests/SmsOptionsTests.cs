using Ent.Communication.Acheminement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Tests;

/// <summary>
/// Issue #12: <c>Ent:Sms:Url</c> without its final slash made every SMS go to the wrong address and fail for good at
/// once; a value that is not an absolute http(s) address is refused at start (the host-process test checks the exit).
/// </summary>
public sealed class SmsOptionsTests
{
    private static IOptions<SmsOptions> Options(string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ent:Sms:Url"] = url }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddCommunication();
        return services.BuildServiceProvider().GetRequiredService<IOptions<SmsOptions>>();
    }

    [Theory]
    [InlineData("https://sms.example.fr/api", "https://sms.example.fr/api/")]
    [InlineData("https://sms.example.fr/api/", "https://sms.example.fr/api/")]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/")]
    public void A_missing_final_slash_is_added(string configure, string attendu)
    {
        var url = Options(configure).Value.Url!;

        Assert.Equal(attendu, url.ToString());
        Assert.Equal(attendu + "messages", new Uri(url, "messages").ToString());
    }

    [Theory]
    [InlineData("sms.example.fr/api")]
    [InlineData("ftp://sms.example.fr/")]
    public void A_relative_or_non_http_address_is_refused_in_french(string configure)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Options(configure).Value);

        Assert.Contains("Ent:Sms:Url", e.Message, StringComparison.Ordinal);
    }
}
