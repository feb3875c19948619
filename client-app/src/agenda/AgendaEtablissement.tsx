import { useCallback, useState } from 'react'
import { Link } from 'react-router'
import type { EvenementAgenda, EvenementSaisi, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { aujourdhui } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { debutMois, etablissementsPersonnel, finMois, libelleMois } from './calendrier'
import { FormulaireEvenement } from './FormulaireEvenement'
import { ListeAgenda, NavigationPeriode } from './ListeAgenda'
import './agenda.css'

/**
 * /agenda/etablissement: the établissement's whole school calendar for its staff, or one class's or group's view;
 * the head, the CPE and teachers (for their classes) add events, and change or delete those they may.
 */
export function AgendaEtablissement({ moi, maintenant }: { moi: Moi; maintenant?: Date }) {
  const etablissements = etablissementsPersonnel(moi)
  const [uai, setUai] = useState(() => etablissements[0]?.[0] ?? '')
  return (
    <>
      <h1>Calendrier de l'établissement</h1>
      <p>
        <Link to="/agenda">Mon agenda</Link>
      </p>
      {etablissements.length === 0 ? (
        <p className="information">Cette page est réservée au personnel des établissements.</p>
      ) : (
        <>
          {etablissements.length > 1 && (
            <div className="champ">
              <label htmlFor="agenda-etablissement">Établissement</label>
              <select id="agenda-etablissement" value={uai} onChange={(e) => setUai(e.target.value)}>
                {etablissements.map(([u, nom]) => (
                  <option key={u} value={u}>
                    {nom}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Calendrier key={uai} uai={uai} maintenant={maintenant} />
        </>
      )}
    </>
  )
}

function Calendrier({ uai, maintenant }: { uai: string; maintenant?: Date }) {
  const { communication } = useApi()
  const [debut, setDebut] = useState(() => debutMois(aujourdhui(maintenant)))
  const [division, setDivision] = useState('')
  const [edition, setEdition] = useState<{ evenement: EvenementAgenda | null } | null>(null)
  const [statut, setStatut] = useState<string | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const fin = finMois(debutMois(debut, 2))

  const chargerContexte = useCallback((signal: AbortSignal) => ouIntrouvable(communication.obtenirContexteAgenda(uai, signal)), [communication, uai])
  const [contexte, rechargerContexte] = useDonnees(chargerContexte)
  const charger = useCallback(
    (signal: AbortSignal) => communication.listerEvenementsEtablissement(uai, debut, fin, division || undefined, signal),
    [communication, uai, debut, fin, division],
  )
  const [etat, recharger] = useDonnees(charger)

  if (contexte.statut !== 'pret') return <Attente etat={contexte} recharger={rechargerContexte} />
  if (!contexte.donnees) return <p className="information">Ce calendrier est réservé au personnel de l'établissement.</p>
  const ctx = contexte.donnees

  const enregistrer = async (saisie: EvenementSaisi) => {
    const ancien = edition?.evenement
    const e = ancien ? await communication.modifierEvenement(ancien.id, saisie) : await communication.creerEvenement(uai, saisie)
    setEdition(null)
    setStatut(ancien ? `Événement « ${e.titre} » modifié.` : `Événement « ${e.titre} » ajouté au calendrier.`)
    recharger()
  }

  const supprimer = async (e: EvenementAgenda) => {
    if (!window.confirm(`Supprimer l'événement « ${e.titre} » ? Les familles et les élèves concernés ne le verront plus.`)) return
    setErreur(null)
    try {
      await communication.supprimerEvenement(e.id)
      setStatut(`Événement « ${e.titre} » supprimé.`)
      recharger()
    } catch (err) {
      setErreur(`L'événement n'a pas été supprimé : ${messageErreur(err)}`)
    }
  }

  return (
    <>
      <p role="status" className={statut ? 'succes' : 'statut-vide'}>
        {statut}
      </p>
      {erreur && (
        <p role="alert" className="erreur">
          {erreur}
        </p>
      )}
      {edition ? (
        <FormulaireEvenement
          contexte={ctx}
          evenement={edition.evenement}
          jour={aujourdhui(maintenant)}
          enregistrer={enregistrer}
          annuler={() => setEdition(null)}
        />
      ) : (
        ctx.peutCreer && (
          <p>
            <button
              type="button"
              onClick={() => {
                setStatut(null)
                setEdition({ evenement: null })
              }}
            >
              Ajouter un événement
            </button>
          </p>
        )
      )}
      <div className="champ">
        <label htmlFor="agenda-division">Classe ou groupe</label>
        <select id="agenda-division" value={division} onChange={(e) => setDivision(e.target.value)}>
          <option value="">Toutes les classes</option>
          {ctx.divisions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.libelle}
            </option>
          ))}
        </select>
      </div>
      <NavigationPeriode libelle={`De ${libelleMois(debut).toLowerCase()} à ${libelleMois(fin).toLowerCase()}`} decaler={(n) => setDebut(debutMois(debut, n))} />
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <ListeAgenda
          evenements={etat.donnees}
          depuis={debut}
          personnel
          modifier={(e) => {
            setStatut(null)
            setEdition({ evenement: e })
            window.scrollTo?.({ top: 0 })
          }}
          supprimer={(e) => void supprimer(e)}
        />
      )}
    </>
  )
}
