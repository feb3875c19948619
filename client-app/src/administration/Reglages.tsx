import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { Attente } from '../commun/Attente'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { useEtablissement } from './commun'
import { CadreAdministration } from './Cadre'
import { LettresActivation } from './LettresActivation'
import { ResumeStructure } from './ResumeStructure'

/**
 * /administration/reglages?uai=: the établissement's structure (classes, groups, services, periods, at a glance, each
 * part linking to the direction's screen that changes it) and its settings — the second factor required of its staff — with the
 * activation letters of the whole établissement.
 */
export function Reglages() {
  const moi = useMoi()
  const { etablissement, etablissements } = useEtablissement(moi)
  return (
    <CadreAdministration titre="Structure et réglages" etablissement={etablissement} etablissements={etablissements}>
      {etablissement && (
        <>
          <section aria-labelledby="titre-structure">
            <h2 id="titre-structure">Structure de l'année</h2>
            <ResumeStructure uai={etablissement.uai} />
          </section>
          <DoubleAuthentificationPersonnel uai={etablissement.uai} />
          <section aria-labelledby="titre-lettres">
            <h2 id="titre-lettres">Lettres d'activation</h2>
            <p>
              Une page par personne dont le compte attend d'être activé, classée par classe : identifiant, code valable trois mois et marche à suivre.
              Pour une seule classe, cherchez-la dans « Personnes ».
            </p>
            <LettresActivation uai={etablissement.uai} />
          </section>
        </>
      )}
    </CadreAdministration>
  )
}

function DoubleAuthentificationPersonnel({ uai }: { uai: string }) {
  const client = useApi().identite
  const charger = useCallback((signal: AbortSignal) => client.obtenirDoubleAuthentificationPersonnel(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  const { envoyer, envoi, refus } = useEnvoi()
  const [exigee, setExigee] = useState<boolean | null>(null)
  const [annonce, setAnnonce] = useState<string | null>(null)
  const message = useRef<HTMLParagraphElement>(null)
  const id = useId()

  useEffect(() => {
    if (annonce) message.current?.focus()
  }, [annonce])

  const actuelle = exigee ?? (etat.statut === 'pret' ? !!etat.donnees.exigee : null)
  const basculer = async () => {
    const voulue = !actuelle
    const reponse = await envoyer(() => client.definirDoubleAuthentificationPersonnel(uai, { exigee: voulue }))
    if (reponse) {
      setExigee(!!reponse.exigee)
      setAnnonce(
        reponse.exigee
          ? 'Double authentification exigée du personnel : chacun ajoutera un second facteur à sa prochaine connexion.'
          : "La double authentification n'est plus exigée du personnel.",
      )
    }
  }

  return (
    <section aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Double authentification du personnel</h2>
      {actuelle === null ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p>
            {actuelle
              ? 'Exigée : les personnels (direction, vie scolaire, secrétariat…) se connectent avec un code de leur application d’authentification.'
              : 'Non exigée : chaque personnel choisit de l’activer ou non depuis « Mon compte ».'}
          </p>
          <p ref={message} tabIndex={-1} role="status" className={annonce ? 'succes' : undefined}>
            {annonce}
          </p>
          {refus.message && (
            <p role="alert" className="erreur">
              {refus.message}
            </p>
          )}
          <button type="button" onClick={basculer} disabled={envoi}>
            {actuelle ? 'Ne plus exiger la double authentification' : 'Exiger la double authentification du personnel'}
          </button>
        </>
      )}
    </section>
  )
}
