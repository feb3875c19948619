import { useCallback } from 'react'
import { Link } from 'react-router'
import type { PeriodeScolaire, StructureEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { dateCourteAnnee, pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'

/**
 * The year's structure at a glance, from Scolarité's API: classes (with their head count), groups, teaching services
 * per class or group, periods. Each part links to the direction's structure screen that changes it.
 */
export function ResumeStructure({ uai }: { uai: string }) {
  const scolarite = useApi().scolarite
  const charger = useCallback(
    async (signal: AbortSignal): Promise<[StructureEtablissement, PeriodeScolaire[]]> =>
      Promise.all([scolarite.obtenirStructure(uai, signal), scolarite.listerPeriodes(uai, undefined, signal)]),
    [scolarite, uai],
  )
  const [etat, recharger] = useDonnees(charger)
  const modifier = (onglet: string, libelle: string) => (
    <p>
      <Link to={`/direction/structure?uai=${uai}&onglet=${onglet}`}>{libelle}</Link>
    </p>
  )
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const [structure, periodes] = etat.donnees
  const services = (id: string, champ: 'classeId' | 'groupeId') => structure.services.filter((s) => s[champ] === id).length
  return (
    <>
      <p>Année scolaire {structure.anneeScolaire}.</p>
      <section aria-labelledby="titre-classes">
        <h3 id="titre-classes">Classes et groupes</h3>
        {structure.classes.length === 0 && structure.groupes.length === 0 ? (
          <p>Aucune classe ni aucun groupe cette année.</p>
        ) : (
          <div className="defilement-administration">
            <table>
              <caption className="visuellement-cache">Classes et groupes de l'année</caption>
              <thead>
                <tr>
                  <th scope="col">Classe ou groupe</th>
                  <th scope="col">Élèves</th>
                  <th scope="col">Services</th>
                </tr>
              </thead>
              <tbody>
                {structure.classes.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.libelle} <span className="aide">{c.code}</span>
                    </th>
                    <td>{c.eleveIds.length}</td>
                    <td>{services(c.id, 'classeId')}</td>
                  </tr>
                ))}
                {structure.groupes.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">
                      {g.libelle} <span className="aide">groupe {g.code}</span>
                    </th>
                    <td>{g.eleveIds.length}</td>
                    <td>{services(g.id, 'groupeId')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {modifier('classes', 'Modifier les classes et les groupes')}
      </section>
      <section aria-labelledby="titre-services">
        <h3 id="titre-services">Services d'enseignement</h3>
        <p>
          {pluriel(structure.services.length, "service d'enseignement", "services d'enseignement")},{' '}
          {pluriel(structure.enseignants.length, 'enseignant', 'enseignants')}.
        </p>
        {modifier('services', "Modifier les services d'enseignement")}
      </section>
      <section aria-labelledby="titre-periodes">
        <h3 id="titre-periodes">Périodes</h3>
        {periodes.length === 0 ? (
          <p>Aucune période définie pour cette année.</p>
        ) : (
          <ul>
            {periodes.map((p) => (
              <li key={p.id}>
                {p.libelle} : du {dateCourteAnnee(p.debut)} au {dateCourteAnnee(p.fin)}
                {p.bulletinsPubliesLe ? ' · bulletins publiés' : ''}
              </li>
            ))}
          </ul>
        )}
        {modifier('periodes', 'Modifier les périodes')}
      </section>
      {modifier('notation', 'Matières et notation')}
    </>
  )
}
