using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Ent.Identite.Tests.Activation;

/// <summary>What the activation tests share: accounts put back to « à activer », codes, and the two pages' forms.</summary>
internal static class Activations
{
    public const string Direction = "direction";

    private sealed record CodeRecu(string Code, DateTimeOffset ExpireLe);

    public static async Task<NpgsqlConnection> BaseAsync(this WebApplicationFactory<Program> app) =>
        await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

    /// <summary>Demo accounts made as the directory import makes them: no password, waiting for activation.</summary>
    public static async Task AActiverAsync(this WebApplicationFactory<Program> app, params string[] identifiants)
    {
        await using var conn = await app.BaseAsync();
        await conn.ExecuteAsync("""
            UPDATE identite.compte SET etat = 'a_activer', mot_de_passe_hash = NULL, active_le = NULL, conditions_acceptees_le = NULL
            WHERE identifiant = ANY(@identifiants)
            """, new { identifiants });
    }

    public static async Task<T> ScalarAsync<T>(this WebApplicationFactory<Program> app, string sql, object? parametres = null)
    {
        await using var conn = await app.BaseAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }

    /// <summary>A new code for the account, as the head gets it from the administration screens.</summary>
    public static async Task<string> CodeAsync(this WebApplicationFactory<Program> app, string identifiant)
    {
        var reponse = await app.ClientConnecte(Direction).PostAsync($"/api/identite/comptes/{DemoIds.Of("compte", identifiant)}/activation", null);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var code = await reponse.Content.ReadFromJsonAsync<CodeRecu>(Http.Json);
        Assert.InRange(code!.ExpireLe, DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(93));
        return code.Code;
    }

    public sealed record Reponse(HttpStatusCode Status, string Page, Uri? Location);

    private static async Task<Reponse> LireAsync(HttpResponseMessage reponse) =>
        new(reponse.StatusCode, WebUtility.HtmlDecode(await reponse.Content.ReadAsStringAsync()), reponse.Headers.Location);

    /// <summary>Step 1: the login and the code, typed on /activation.</summary>
    public static async Task<Reponse> SaisirCodeAsync(Navigateur navigateur, string identifiant, string code)
    {
        var page = await (await navigateur.Client.GetAsync("/activation")).Content.ReadAsStringAsync();
        var champs = Navigateur.Champs(page);
        champs["Identifiant"] = identifiant;
        champs["Code"] = code;
        return await LireAsync(await navigateur.Client.PostAsync("/activation", new FormUrlEncodedContent(champs)));
    }

    /// <summary>Step 2: the password twice, the terms, the contacts as shown.</summary>
    public static async Task<Reponse> ChoisirAsync(Navigateur navigateur, string pageEtape2, string motDePasse, bool conditions = true,
        string? mobile = null)
    {
        var champs = Navigateur.Champs(pageEtape2);
        champs["MotDePasse"] = champs["Confirmation"] = motDePasse;
        if (conditions)
        {
            champs["Conditions"] = "true";
        }

        if (mobile is not null)
        {
            champs["Mobile"] = mobile;
        }

        return await LireAsync(await navigateur.Client.PostAsync("/activation/compte", new FormUrlEncodedContent(champs)));
    }

    /// <summary>Whether this browser has an Ent session: /connect/authorize answers with a code, not the login page.</summary>
    public static async Task<bool> SessionOuverteAsync(Navigateur navigateur)
    {
        const string redirect = "http://localhost/connexion/retour";
        var defi = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes("verificateur-de-test-assez-long-pour-pkce-0123456789")));
        var reponse = await navigateur.Client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "ent-spa",
            ["response_type"] = "code",
            ["redirect_uri"] = redirect,
            ["scope"] = "openid",
            ["state"] = "etat",
            ["code_challenge"] = defi,
            ["code_challenge_method"] = "S256",
        }));
        var cible = reponse.Headers.Location?.OriginalString ?? string.Empty;
        return cible.StartsWith(redirect, StringComparison.Ordinal) && cible.Contains("code=", StringComparison.Ordinal);
    }

    /// <summary>Logs in with a password on /connexion: the status and page it answers.</summary>
    public static async Task<Reponse> ConnecterAsync(Navigateur navigateur, string identifiant, string motDePasse)
    {
        var formulaire = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        return await LireAsync(await navigateur.SoumettreConnexionAsync(formulaire, identifiant, motDePasse));
    }
}
