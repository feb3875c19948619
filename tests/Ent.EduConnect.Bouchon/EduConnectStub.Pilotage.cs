using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Ent.Testing;

/// <summary>
/// What the browser tests call, in place of <see cref="ConnecterEnsuite"/>: <c>POST /__test/personne</c> with the person
/// EduConnect signs in at the next authorization, as JSON (<c>sujet</c>, <c>affiliation</c>, <c>nom</c>, <c>prenom</c>,
/// optionally <c>frEduCtId</c>, <c>ine</c>, <c>uai</c>, <c>vecteurs</c>: <c>profil|nom|prenom|eleveId|UAI</c>). One
/// person per authorization, in the order posted. Answers 204, or 400 when <c>sujet</c>, <c>affiliation</c>, <c>nom</c>
/// or <c>prenom</c> is missing.
/// </summary>
public sealed partial class EduConnectStub
{
    public const string CheminPilotage = "/__test/personne";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed class PersonneJson
    {
        public string? Sujet { get; set; }
        public string? Affiliation { get; set; }
        public string? Nom { get; set; }
        public string? Prenom { get; set; }
        public string? FrEduCtId { get; set; }
        public string? Ine { get; set; }
        public string? Uai { get; set; }
        public IReadOnlyList<string>? Vecteurs { get; set; }
    }

    public void PiloterParHttp() =>
        _server.Given(Request.Create().WithPath(CheminPilotage).UsingPost()).RespondWith(Response.Create().WithCallback(Preparer));

    private ResponseMessage Preparer(IRequestMessage request)
    {
        PersonneJson? json;
        try
        {
            // A JSON body is also parsed by WireMock; its text is kept either way.
            json = JsonSerializer.Deserialize<PersonneJson>(request.Body ?? request.BodyAsJson?.ToString() ?? string.Empty, Web);
        }
        catch (JsonException e)
        {
            return Erreur(400, "invalid_request", e.Message);
        }

        if (json is null || string.IsNullOrWhiteSpace(json.Sujet) || string.IsNullOrWhiteSpace(json.Affiliation)
            || string.IsNullOrWhiteSpace(json.Nom) || string.IsNullOrWhiteSpace(json.Prenom))
        {
            return Erreur(400, "invalid_request", "sujet, affiliation, nom et prenom sont nécessaires");
        }

        ConnecterEnsuite(new PersonneEduConnectTest(json.Sujet, json.Affiliation, json.Nom, json.Prenom, json.FrEduCtId, json.Ine,
            json.Uai, json.Vecteurs));
        return new ResponseMessage { StatusCode = 204 };
    }
}
