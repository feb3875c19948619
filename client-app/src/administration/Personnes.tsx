import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { libelleProfil } from '../commun/profils'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_ADMINISTRATION, cheminPersonne, libelleEtat, useEtablissement } from './commun'
import { CadreAdministration } from './Cadre'
import { LettresActivation } from './LettresActivation'

const PROFILS = [
  { valeur: '', libelle: 'Tous les profils' },
  { valeur: 'eleve', libelle: 'Élèves' },
  { valeur: 'responsable', libelle: 'Responsables' },
  { valeur: 'enseignant', libelle: 'Enseignants' },
  { valeur: 'personnel', libelle: 'Personnels' },
]

/**
 * /administration?q=&classe=&profil=: the établissement's administrators find a person by name, login, class or
 * profile; each person found opens their card. The search is in the address: reload, back and a shared link give the
 * same list.
 */
export function Personnes() {
  const moi = useMoi()
  const { etablissement, etablissements } = useEtablissement(moi)
  const [params] = useSearchParams()
  const criteres = { q: params.get('q')?.trim() ?? '', classe: params.get('classe')?.trim() ?? '', profil: params.get('profil') ?? '' }
  const cherche = !!(criteres.q || criteres.classe || criteres.profil)
  return (
    <CadreAdministration titre="Administration" etablissement={etablissement} etablissements={etablissements}>
      {etablissement && (
        <>
          <h2>Personnes</h2>
          <Recherche uai={etablissement.uai} initial={criteres} />
          {cherche && <Resultats uai={etablissement.uai} {...criteres} />}
        </>
      )}
    </CadreAdministration>
  )
}

interface Criteres {
  q: string
  classe: string
  profil: string
}

function Recherche({ uai, initial }: { uai: string; initial: Criteres }) {
  const navigate = useNavigate()
  const [criteres, setCriteres] = useState(initial)
  const [erreur, setErreur] = useState<string | null>(null)
  const champ = useRef<HTMLInputElement>(null)
  const id = useId()

  const chercher = (e: FormEvent) => {
    e.preventDefault()
    const q = criteres.q.trim()
    if (!q && !criteres.classe.trim() && !criteres.profil) {
      setErreur('Saisissez un nom ou un identifiant, ou choisissez une classe ou un profil.')
      champ.current?.focus()
      return
    }
    if (q && q.replace(/\s/g, '').length < 2) {
      setErreur('Saisissez au moins 2 lettres du nom, du prénom ou de l’identifiant.')
      champ.current?.focus()
      return
    }
    const suivants = new URLSearchParams({ uai })
    if (q) suivants.set('q', q)
    if (criteres.classe.trim()) suivants.set('classe', criteres.classe.trim())
    if (criteres.profil) suivants.set('profil', criteres.profil)
    navigate(`${CHEMIN_ADMINISTRATION}?${suivants}`)
  }

  return (
    <form role="search" aria-label="Chercher une personne" onSubmit={chercher} noValidate>
      <div className="champ">
        <label htmlFor={`${id}-q`}>Nom, prénom ou identifiant</label>
        <p id={`${id}-aide`} className="aide">
          Le début du nom, du prénom ou de l’identifiant : « dup », « léa mar », « lea.martin ».
        </p>
        <input
          id={`${id}-q`}
          ref={champ}
          type="search"
          value={criteres.q}
          maxLength={100}
          autoComplete="off"
          aria-invalid={erreur ? true : undefined}
          aria-describedby={[`${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setCriteres({ ...criteres, q: e.target.value })
            setErreur(null)
          }}
        />
        {erreur && (
          <p id={`${id}-erreur`} className="erreur-champ">
            {erreur}
          </p>
        )}
      </div>
      <div className="champ">
        <label htmlFor={`${id}-classe`}>Classe (code)</label>
        <input
          id={`${id}-classe`}
          type="text"
          value={criteres.classe}
          maxLength={30}
          autoComplete="off"
          placeholder="2NDE1"
          onChange={(e) => {
            setCriteres({ ...criteres, classe: e.target.value })
            setErreur(null)
          }}
        />
      </div>
      <div className="champ">
        <label htmlFor={`${id}-profil`}>Profil</label>
        <select
          id={`${id}-profil`}
          value={criteres.profil}
          onChange={(e) => {
            setCriteres({ ...criteres, profil: e.target.value })
            setErreur(null)
          }}
        >
          {PROFILS.map((p) => (
            <option key={p.valeur} value={p.valeur}>
              {p.libelle}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">Chercher</button>
      </div>
    </form>
  )
}

function Resultats({ uai, q, classe, profil }: { uai: string } & Criteres) {
  const client = useApi().identite
  const charger = useCallback(
    (signal: AbortSignal) => client.rechercherPersonnes(uai, q || undefined, classe || undefined, profil || undefined, signal),
    [client, uai, q, classe, profil],
  )
  const [etat, recharger] = useDonnees(charger)
  const titre = useRef<HTMLHeadingElement>(null)
  const pret = etat.statut === 'pret'

  useEffect(() => {
    // A search is a new page: the keyboard resumes at its results.
    if (pret) titre.current?.focus()
  }, [pret])

  return (
    <section aria-labelledby="titre-resultats">
      <h2 id="titre-resultats" ref={titre} tabIndex={-1}>
        Résultats
      </h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p role="status">
            {etat.donnees.personnes.length === 0
              ? 'Personne ne correspond. Vérifiez l’orthographe ou saisissez moins de lettres.'
              : `${pluriel(etat.donnees.personnes.length, 'personne trouvée', 'personnes trouvées')}${etat.donnees.tronque ? ' (les 50 premières : précisez la recherche)' : ''}.`}
          </p>
          {classe && <LettresActivation uai={uai} classe={classe} />}
          {etat.donnees.personnes.length > 0 && (
            <ul className="liste-administration">
              {etat.donnees.personnes.map((p) => (
                <li key={p.personneId}>
                  <p>
                    <Link to={cheminPersonne(p.personneId, uai)}>
                      <strong>
                        {p.nom.toUpperCase()} {p.prenom}
                      </strong>
                    </Link>
                    {p.classe && ` · ${p.classe}`}
                  </p>
                  <p className="aide">
                    {p.profils.map((r) => libelleProfil(r) + (r.retire ? ' (parti)' : '')).join(', ')} · {p.identifiant ?? 'sans identifiant'} ·{' '}
                    {libelleEtat(p.etat)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
