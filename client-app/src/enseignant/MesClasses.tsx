import { Link } from 'react-router'
import { useCallback, useEffect } from 'react'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { titreDocument } from '../commun/titre'
import { pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { cheminAppreciations, cheminConseil, cheminService } from './commun'


/** /enseignement: the teacher's services this school year, each a link to its assessments. */
export function MesClasses() {
  const client = useApi().scolarite
  const charger = useCallback((signal: AbortSignal) => client.obtenirMonEnseignement(signal), [client])
  const [etat, recharger] = useDonnees(charger)

  useEffect(() => {
    document.title = titreDocument('Mes classes')
  }, [])

  if (etat.statut !== 'pret') {
    return (
      <>
        <h1>Mes classes</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }

  const { services, classesPrincipales } = etat.donnees
  return (
    <>
      <h1>Mes classes</h1>
      {services.length === 0 ? (
        <p>Aucun service d'enseignement ne vous est attribué cette année.</p>
      ) : (
        <>
          <p>Choisissez une classe pour voir ses évaluations, en créer une ou saisir des notes.</p>
          <ul className="cartes">
            {services.map((s) => (
              <li key={s.id} className="carte service">
                <h2>
                  <Link to={cheminService(s.id)}>
                    {s.matiere} — {s.code}
                  </Link>
                </h2>
                <p>{s.libelle}</p>
                <p className="aide">
                  {pluriel(s.effectif, 'élève', 'élèves')} · {pluriel(s.evaluations, 'évaluation', 'évaluations')}
                </p>
                <p>
                  <Link to={`/enseignement/services/${s.id}/cahier-de-textes`}>
                    Cahier de textes<span className="visuellement-cache"> — {s.matiere}, {s.code}</span>
                  </Link>
                </p>
                <p>
                  <Link to={cheminAppreciations(s.id)}>
                    Appréciations<span className="visuellement-cache"> — {s.matiere}, {s.code}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {classesPrincipales.length > 0 && (
        <section aria-labelledby="titre-principal">
          <h2 id="titre-principal">Professeur principal</h2>
          <ul className="liste-simple">
            {classesPrincipales.map((c) => (
              <li key={c.id}>
                {c.libelle} ({c.code}), {pluriel(c.effectif, 'élève', 'élèves')} :{' '}
                <Link to={cheminConseil(c.id)}>
                  conseil de classe<span className="visuellement-cache"> de {c.code}</span>
                </Link>
                ,{' '}
                <Link to={`/enseignement/classes/${c.id}/cahier-de-textes`}>
                  cahier de textes<span className="visuellement-cache"> de {c.code}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
