import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { nomListe } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { cheminEleve, cheminRecherche, responsableLibelle, useUaiVieScolaire, type EleveConnu } from './bureau'

/**
 * /vie-scolaire/eleves?q=…: the desk finds a pupil of its établissement by the start of a name (2 letters at least);
 * each pupil found, with their class and guardians, opens their page. The search is in the address: reload, back and
 * a shared link give the same list.
 */
export function RechercheEleves() {
  const moi = useMoi()
  const uai = useUaiVieScolaire(moi)
  const [params] = useSearchParams()
  const q = params.get('q')?.trim() ?? ''
  return (
    <>
      <h1>Élèves</h1>
      {uai ? (
        <>
          <ChampRechercheEleve initial={q} autoFocus={!q} />
          {q && <Resultats uai={uai} q={q} />}
        </>
      ) : (
        <p>Cette page est réservée à la vie scolaire des établissements (CPE, direction).</p>
      )}
    </>
  )
}

/** The search field, also on the desk's home: it opens the search page with the words typed. */
export function ChampRechercheEleve({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const navigate = useNavigate()
  const [texte, setTexte] = useState(initial)
  const [erreur, setErreur] = useState<string | null>(null)
  const champ = useRef<HTMLInputElement>(null)
  const id = useId()

  useEffect(() => {
    if (autoFocus) champ.current?.focus()
  }, [autoFocus])

  const chercher = (e: FormEvent) => {
    e.preventDefault()
    if (texte.replace(/\s/g, '').length < 2) {
      setErreur('Saisissez au moins 2 lettres du nom ou du prénom.')
      champ.current?.focus()
      return
    }
    navigate(cheminRecherche(texte.trim()))
  }

  return (
    <form role="search" aria-label="Chercher un élève" onSubmit={chercher} noValidate className="recherche-eleve">
      <div className="champ">
        <label htmlFor={`${id}-q`}>Nom ou prénom de l'élève</label>
        <p id={`${id}-aide`} className="aide">
          Le début du nom, du prénom ou des deux : « dup », « léa mar ».
        </p>
        <input
          id={`${id}-q`}
          ref={champ}
          type="search"
          value={texte}
          maxLength={100}
          autoComplete="off"
          aria-invalid={erreur ? true : undefined}
          aria-describedby={[`${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setTexte(e.target.value)
            setErreur(null)
          }}
        />
        {erreur && (
          <p id={`${id}-erreur`} className="erreur-champ">
            {erreur}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit">Chercher</button>
      </div>
    </form>
  )
}

function Resultats({ uai, q }: { uai: string; q: string }) {
  const client = useApi().identite
  const charger = useCallback((signal: AbortSignal) => client.rechercherEleves(uai, q, signal), [client, uai, q])
  const [etat, recharger] = useDonnees(charger)
  const titre = useRef<HTMLHeadingElement>(null)
  const pret = etat.statut === 'pret'

  useEffect(() => {
    // The search reloads the page: the keyboard resumes at its results.
    if (pret) titre.current?.focus()
  }, [pret])

  return (
    <section aria-labelledby="titre-resultats">
      <h2 id="titre-resultats" ref={titre} tabIndex={-1}>
        Résultats pour « {q} »
      </h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p role="status">
            {etat.donnees.length === 0
              ? 'Aucun élève trouvé. Vérifiez l’orthographe ou saisissez moins de lettres.'
              : `${pluriel(etat.donnees.length, 'élève trouvé', 'élèves trouvés')}${etat.donnees.length >= 20 ? ' (les 20 premiers : précisez la recherche)' : ''}.`}
          </p>
          {etat.donnees.length > 0 && (
            <ul className="lignes">
              {etat.donnees.map((e) => {
                const connu: EleveConnu = { nom: e.nom, prenom: e.prenom, classe: e.classe, responsables: e.responsables }
                return (
                  <li key={e.eleveId}>
                    <p>
                      <Link to={cheminEleve(e.eleveId)} state={connu}>
                        <strong>{nomListe(e)}</strong>
                      </Link>
                      {e.classe && ` · ${e.classe}`}
                    </p>
                    {e.responsables.length > 0 && <p className="aide">Responsables : {e.responsables.map(responsableLibelle).join(', ')}</p>}
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
