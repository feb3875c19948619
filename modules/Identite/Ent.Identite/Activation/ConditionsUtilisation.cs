namespace Ent.Identite.Activation;

/// <summary>
/// The terms of use a person accepts when activating an account (<c>compte.conditions_acceptees_le</c>): short, plain
/// words. A change of substance here should ask everyone again: keep the date with the text.
/// </summary>
internal static class ConditionsUtilisation
{
    public const string Version = "2026-12";

    public const string Html = """
        <p class="aide">Version de décembre 2026.</p>
        <p>Ent est l'espace numérique de travail de votre lycée, fourni par la Région et l'établissement.</p>
        <ul>
          <li><strong>Votre compte est personnel.</strong> Ne donnez votre mot de passe à personne, pas même à l'établissement. Un parent et son enfant ont chacun leur compte.</li>
          <li><strong>Ce que vous écrivez</strong> (messages, devoirs rendus) reste dans le cadre de la scolarité : respect des personnes, pas de propos injurieux, pas de contenu illégal.</li>
          <li><strong>Vos données</strong> servent à la scolarité seulement ; elles ne sont ni vendues ni utilisées pour de la publicité. Chaque consultation des données d'un élève est enregistrée et peut être vérifiée.</li>
          <li><strong>Vos droits</strong> : vous pouvez consulter et faire corriger vos informations auprès du secrétariat de l'établissement, qui transmet au délégué à la protection des données.</li>
          <li><strong>En cas de problème</strong> (compte utilisé par quelqu'un d'autre, contenu choquant), prévenez l'établissement.</li>
        </ul>
        <p><a href="/activation">Revenir à l'activation</a></p>
        """;
}
