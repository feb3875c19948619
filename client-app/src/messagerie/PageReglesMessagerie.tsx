import { useCallback, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { RegleMessagerie, ReglesMessagerieEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { etablissementsAdministres } from '../commun/direction'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { PORTEES, PROFILS_MESSAGERIE } from './format'

/**
 * /messagerie/regles: who may write to whom in my établissement, a table the head and local administrators edit (one
 * row per sender's profile, one column per recipient's): « Personne », « Ceux qui leur sont liés » (a family's
 * children's teachers, a teacher's pupils and their families…), « Tout l'établissement ». Saved, it holds at once.
 */
export function PageReglesMessagerie() {
  const etablissement = etablissementsAdministres(useMoi())[0]
  return (
    <>
      <p className="fil-ariane">
        <Link to="/messagerie">Messagerie</Link>
      </p>
      <h1>Règles de la messagerie</h1>
      {etablissement ? <Regles uai={etablissement.uai} /> : <p>Cette page est réservée à la direction et aux administrateurs de l'établissement.</p>}
    </>
  )
}

function Regles({ uai }: { uai: string }) {
  const { communication } = useApi()
  const charger = useCallback((signal: AbortSignal) => communication.obtenirReglesMessagerie(uai, signal), [communication, uai])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Tableau uai={uai} initiales={etat.donnees} />
}

function Tableau({ uai, initiales }: { uai: string; initiales: ReglesMessagerieEtablissement }) {
  const { communication } = useApi()
  const [regles, setRegles] = useState<RegleMessagerie[]>(initiales.regles)
  const [parDefaut, setParDefaut] = useState(initiales.parDefaut)
  const [succes, setSucces] = useState<string | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const profils = initiales.profils.map((p) => p.code)
  const portee = (e: string, d: string) => regles.find((r) => r.expediteur === e && r.destinataire === d)?.portee ?? 'aucune'
  const changer = (e: string, d: string, p: string) => {
    setSucces(null)
    setRegles(regles.map((r) => (r.expediteur === e && r.destinataire === d ? { ...r, portee: p } : r)))
  }
  const enregistrer = async (ev: FormEvent) => {
    ev.preventDefault()
    const apres = await envoyer(() => communication.modifierReglesMessagerie(uai, { regles }))
    if (apres) {
      setRegles(apres.regles)
      setParDefaut(apres.parDefaut)
      setSucces('Règles enregistrées : elles s’appliquent dès maintenant.')
    }
  }
  return (
    <form onSubmit={(e) => void enregistrer(e)}>
      <p>
        {parDefaut
          ? "L'établissement suit les règles par défaut : familles ↔ enseignants de leurs enfants, CPE et direction ; élèves → leurs enseignants et la vie scolaire ; enseignants ↔ personnels ; ni élève ↔ élève, ni famille ↔ autre famille."
          : "L'établissement a ses propres règles."}
      </p>
      <div className="defilement-tableau">
        <table className="regles-messagerie">
          <caption>Qui peut écrire à qui (une ligne par expéditeur, une colonne par destinataire)</caption>
          <thead>
            <tr>
              <th scope="col">Expéditeurs \ destinataires</th>
              {profils.map((d) => (
                <th key={d} scope="col">
                  {PROFILS_MESSAGERIE[d] ?? d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {profils.map((e) => (
              <tr key={e}>
                <th scope="row">{PROFILS_MESSAGERIE[e] ?? e}</th>
                {profils.map((d) => (
                  <td key={d}>
                    <select
                      aria-label={`${PROFILS_MESSAGERIE[e] ?? e} écrivent à : ${PROFILS_MESSAGERIE[d] ?? d}`}
                      value={portee(e, d)}
                      onChange={(ev) => changer(e, d, ev.target.value)}
                    >
                      {Object.entries(PORTEES).map(([code, libelle]) => (
                        <option key={code} value={code}>
                          {libelle}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <p role="status" className={succes ? 'succes' : undefined}>
        {succes}
      </p>
      <button type="submit" disabled={envoi}>
        Enregistrer les règles
      </button>
    </form>
  )
}
