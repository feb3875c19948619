import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import type { FichePersonne as Fiche, LienFamille } from '../api/ent-client'
import { useSession } from '../auth/contexte'
import { Attente } from '../commun/Attente'
import { dateLongue, horodatage } from '../commun/format'
import { useMoi } from '../commun/page'
import { libelleProfil } from '../commun/profils'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_ADMINISTRATION, cheminPersonne, libelleEtat, libelleLien, LIENS_POSSIBLES, useEtablissement } from './commun'
import { appelsAdministration, type CodeActivation } from './appels'
import { CadreAdministration } from './Cadre'

/**
 * /administration/personnes/:personneId?uai=: a person's card for the établissement's administrators — profiles,
 * account, family links, third-party applications — and what they may do about it: unlock, give a new activation
 * code, deactivate or reactivate the account, fix a guardian link, withdraw an application's access. Every act asks
 * for a confirmation first, then says what was done (the keyboard resumes at that message).
 */
export function FichePersonne() {
  const moi = useMoi()
  const { etablissement, etablissements } = useEtablissement(moi)
  const { personneId = '' } = useParams()
  return (
    <CadreAdministration titre="Fiche d'une personne" etablissement={etablissement} etablissements={etablissements}>
      {etablissement && <Carte uai={etablissement.uai} personneId={personneId} moiId={moi.id} />}
    </CadreAdministration>
  )
}

function Carte({ uai, personneId, moiId }: { uai: string; personneId: string; moiId: string }) {
  const client = useApi().identite
  const charger = useCallback((signal: AbortSignal) => client.obtenirFichePersonne(uai, personneId, signal), [client, uai, personneId])
  const [etat, recharger] = useDonnees(charger)
  // After an act, the card is read again in place: the page stays where it was.
  const [relue, setRelue] = useState<Fiche | null>(null)
  const [annonce, setAnnonce] = useState<string | null>(null)
  const message = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (annonce) message.current?.focus()
  }, [annonce])

  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const fiche = relue ?? etat.donnees
  const fait = async (texte: string) => {
    setRelue(await client.obtenirFichePersonne(uai, personneId))
    setAnnonce(null)
    setAnnonce(texte)
  }

  return (
    <div className="fiche-administration">
      <h2>
        {fiche.civilite ? `${fiche.civilite} ` : ''}
        {fiche.prenom} {fiche.nom.toUpperCase()}
      </h2>
      <p ref={message} tabIndex={-1} role="status" className={annonce ? 'succes' : undefined}>
        {annonce}
      </p>
      <dl>
        <dt>Profils</dt>
        <dd>{fiche.profils.map((p) => libelleProfil(p) + (p.retire ? ' (ne figure plus dans l’annuaire)' : '')).join(', ')}</dd>
        {fiche.classe && (
          <>
            <dt>Classe</dt>
            <dd>{fiche.classe}</dd>
          </>
        )}
        {fiche.dateNaissance && (
          <>
            <dt>Né·e le</dt>
            <dd>{dateLongue(fiche.dateNaissance)}</dd>
          </>
        )}
        <dt>Courriel</dt>
        <dd>{fiche.email ?? 'non renseigné'}</dd>
        <dt>Mobile</dt>
        <dd>{fiche.mobile ?? 'non renseigné'}</dd>
      </dl>

      <SectionCompte uai={uai} fiche={fiche} soiMeme={fiche.personneId === moiId} fait={fait} />

      {fiche.responsables.length > 0 && (
        <section aria-labelledby="titre-responsables">
          <h3 id="titre-responsables">Responsables</h3>
          <ul className="liste-administration">
            {fiche.responsables.map((l) => (
              <LigneLien key={l.responsableId} uai={uai} lien={l} autreId={l.responsableId} fait={fait} />
            ))}
          </ul>
        </section>
      )}
      {fiche.enfants.length > 0 && (
        <section aria-labelledby="titre-enfants">
          <h3 id="titre-enfants">Enfants</h3>
          <ul className="liste-administration">
            {fiche.enfants.map((l) => (
              <LigneLien key={l.eleveId} uai={uai} lien={l} autreId={l.eleveId} fait={fait} />
            ))}
          </ul>
        </section>
      )}

      <SectionApplications uai={uai} fiche={fiche} fait={fait} />

      <p>
        <Link to={`${CHEMIN_ADMINISTRATION}?uai=${uai}`}>Retour à la recherche</Link>
      </p>
    </div>
  )
}

type Fait = (texte: string) => Promise<void>

/** A button whose act waits for a confirmation; the confirmation says what will happen. */
function AvecConfirmation({
  libelle,
  confirmation,
  confirmer,
  action,
  secondaire = true,
}: {
  libelle: string
  confirmation: ReactNode
  confirmer: string
  action: () => Promise<unknown>
  secondaire?: boolean
}) {
  const [ouverte, setOuverte] = useState(false)
  const { envoyer, envoi, refus } = useEnvoi()
  const id = useId()
  const bouton = useRef<HTMLButtonElement>(null)
  const annuler = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (ouverte) annuler.current?.focus()
  }, [ouverte])

  if (!ouverte) {
    return (
      <button type="button" ref={bouton} className={secondaire ? 'secondaire' : undefined} onClick={() => setOuverte(true)}>
        {libelle}
      </button>
    )
  }
  return (
    <div role="group" aria-labelledby={id} className="confirmation-administration">
      <p id={id}>{confirmation}</p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <div className="actions-administration">
        <button
          type="button"
          disabled={envoi}
          onClick={async () => {
            const ok = await envoyer(async () => {
              await action()
              return true
            })
            if (ok) setOuverte(false)
          }}
        >
          {confirmer}
        </button>
        <button type="button" ref={annuler} className="secondaire" onClick={() => setOuverte(false)}>
          Annuler
        </button>
      </div>
    </div>
  )
}

function SectionCompte({ uai, fiche, soiMeme, fait }: { uai: string; fiche: Fiche; soiMeme: boolean; fait: Fait }) {
  const client = useApi().identite
  const { http } = useSession()
  const [code, setCode] = useState<CodeActivation | null>(null)
  const compte = fiche.compte
  const nom = `${fiche.prenom} ${fiche.nom}`
  return (
    <section aria-labelledby="titre-compte">
      <h3 id="titre-compte">Compte</h3>
      {!compte ? (
        <p>Cette personne n'a pas de compte.</p>
      ) : (
        <>
          <dl>
            <dt>Identifiant</dt>
            <dd>{compte.identifiant}</dd>
            <dt>État</dt>
            <dd>
              {libelleEtat(compte.etat)}
              {compte.verrouille && ' — verrouillé après trop d’essais de connexion'}
            </dd>
            <dt>Activé le</dt>
            <dd>{compte.activeLe ? horodatage(compte.activeLe) : 'pas encore activé'}</dd>
            <dt>Dernière connexion</dt>
            <dd>{compte.derniereConnexion ? horodatage(compte.derniereConnexion) : 'inconnue'}</dd>
            <dt>Double authentification</dt>
            <dd>{compte.doubleAuthentification ? 'activée' : 'non activée'}</dd>
          </dl>
          {code && (
            <div className="confirmation-administration" aria-live="polite">
              <p>
                Nouveau code d'activation de {nom} : <strong className="code-activation">{code.code}</strong>
              </p>
              <p>
                Valable jusqu'au {horodatage(code.expireLe)}. Notez-le ou transmettez-le maintenant : il ne sera plus affiché. L'ancien code ne fonctionne
                plus.
              </p>
            </div>
          )}
          <div className="actions-administration">
            {(compte.verrouille || compte.etat === 'bloque') && (
              <AvecConfirmation
                libelle="Débloquer"
                confirmation={`Débloquer le compte de ${nom} ? Ses essais de connexion manqués sont oubliés ; son mot de passe ne change pas.`}
                confirmer="Confirmer le déblocage"
                action={async () => {
                  await client.debloquerCompte(uai, fiche.personneId)
                  await fait('Compte débloqué : la personne peut se connecter à nouveau.')
                }}
              />
            )}
            {(compte.etat === 'a_activer' || compte.etat === 'actif') && (
              <AvecConfirmation
                libelle="Réinitialiser"
                confirmation={
                  compte.etat === 'actif'
                    ? `Réinitialiser le compte de ${nom} ? Son mot de passe cessera de fonctionner et ses sessions seront fermées : la personne réactivera son compte avec le nouveau code, affiché une seule fois.`
                    : `Donner un nouveau code d'activation à ${nom} ? L'ancien code cessera de fonctionner ; le nouveau ne sera affiché qu'une fois.`
                }
                confirmer="Créer un nouveau code"
                action={async () => {
                  const nouveau = await appelsAdministration(http).nouveauCode(fiche.personneId)
                  setCode(nouveau)
                  await fait("Nouveau code d'activation créé : il est affiché ci-dessous, une seule fois.")
                }}
              />
            )}
            {compte.etat === 'desactive' ? (
              <AvecConfirmation
                libelle="Réactiver"
                confirmation={`Réactiver le compte de ${nom} ?`}
                confirmer="Confirmer la réactivation"
                action={async () => {
                  await client.reactiverCompte(uai, fiche.personneId)
                  await fait('Compte réactivé.')
                }}
              />
            ) : (
              !soiMeme && (
                <AvecConfirmation
                  libelle="Désactiver"
                  confirmation={`Désactiver le compte de ${nom} ? La personne ne pourra plus se connecter. Rien n'est supprimé : le compte peut être réactivé.`}
                  confirmer="Confirmer la désactivation"
                  action={async () => {
                    await client.desactiverCompte(uai, fiche.personneId)
                    await fait('Compte désactivé. Rien n’est supprimé : il peut être réactivé.')
                  }}
                />
              )
            )}
          </div>
        </>
      )}
    </section>
  )
}

function LigneLien({ uai, lien, autreId, fait }: { uai: string; lien: LienFamille; autreId: string; fait: Fait }) {
  const [ouvert, setOuvert] = useState(false)
  const details = [
    libelleLien(lien.lien),
    lien.legal ? 'autorité parentale' : 'sans autorité parentale',
    lien.recoitNotifications ? 'reçoit les notifications' : 'ne reçoit pas les notifications',
    lien.fixeManuellement ? 'corrigé à la main (conservé par les imports)' : null,
  ].filter(Boolean)
  return (
    <li>
      <p>
        <Link to={cheminPersonne(autreId, uai)}>
          <strong>
            {lien.prenom} {lien.nom.toUpperCase()}
          </strong>
        </Link>
      </p>
      <p className="aide">{details.join(' · ')}</p>
      {ouvert ? (
        <FormulaireLien
          uai={uai}
          lien={lien}
          fermer={() => setOuvert(false)}
          fait={async (texte) => {
            setOuvert(false)
            await fait(texte)
          }}
        />
      ) : (
        <button type="button" className="secondaire" onClick={() => setOuvert(true)}>
          Corriger le lien avec {lien.prenom} {lien.nom}
        </button>
      )}
    </li>
  )
}

function FormulaireLien({ uai, lien, fermer, fait }: { uai: string; lien: LienFamille; fermer: () => void; fait: Fait }) {
  const client = useApi().identite
  const { envoyer, envoi, refus } = useEnvoi()
  const [valeurs, setValeurs] = useState({ lien: lien.lien, legal: lien.legal, recoitNotifications: lien.recoitNotifications, recoitCourrier: lien.recoitCourrier })
  const id = useId()
  const premier = useRef<HTMLSelectElement>(null)
  useEffect(() => premier.current?.focus(), [])

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await envoyer(() => client.corrigerLienResponsable(uai, lien.responsableId, lien.eleveId, valeurs))
    if (ok) await fait(`Lien avec ${lien.prenom} ${lien.nom} corrigé : les prochains imports le conserveront tel quel.`)
  }

  return (
    <form onSubmit={enregistrer} noValidate className="confirmation-administration">
      <fieldset>
        <legend>
          Lien avec {lien.prenom} {lien.nom}
        </legend>
        <div className="champ">
          <label htmlFor={`${id}-lien`}>Lien</label>
          <select id={`${id}-lien`} ref={premier} value={valeurs.lien} onChange={(e) => setValeurs({ ...valeurs, lien: e.target.value })}>
            {LIENS_POSSIBLES.map(([valeur, libelle]) => (
              <option key={valeur} value={valeur}>
                {libelle}
              </option>
            ))}
          </select>
          {refus.champs.lien && <p className="erreur-champ">{refus.champs.lien}</p>}
        </div>
        <div className="champ">
          <input id={`${id}-legal`} type="checkbox" checked={valeurs.legal} onChange={(e) => setValeurs({ ...valeurs, legal: e.target.checked })} />
          <label htmlFor={`${id}-legal`}>Autorité parentale (responsable légal)</label>
        </div>
        <div className="champ">
          <input
            id={`${id}-notifications`}
            type="checkbox"
            checked={valeurs.recoitNotifications}
            onChange={(e) => setValeurs({ ...valeurs, recoitNotifications: e.target.checked })}
          />
          <label htmlFor={`${id}-notifications`}>Reçoit les notifications</label>
        </div>
        <div className="champ">
          <input
            id={`${id}-courrier`}
            type="checkbox"
            checked={valeurs.recoitCourrier}
            onChange={(e) => setValeurs({ ...valeurs, recoitCourrier: e.target.checked })}
          />
          <label htmlFor={`${id}-courrier`}>Reçoit le courrier</label>
        </div>
      </fieldset>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <div className="actions-administration">
        <button type="submit" disabled={envoi}>
          Enregistrer le lien
        </button>
        <button type="button" className="secondaire" onClick={fermer}>
          Annuler
        </button>
      </div>
    </form>
  )
}

function SectionApplications({ uai, fiche, fait }: { uai: string; fiche: Fiche; fait: Fait }) {
  const client = useApi().identite
  return (
    <section aria-labelledby="titre-applications">
      <h3 id="titre-applications">Applications autorisées</h3>
      {fiche.applications.length === 0 ? (
        <p>Aucune application tierce n'a reçu l'accord de cette personne.</p>
      ) : (
        <ul className="liste-administration">
          {fiche.applications.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.nom}</strong>
              </p>
              <p className="aide">Autorisée le {horodatage(a.accordeeLe)}</p>
              <AvecConfirmation
                libelle={`Retirer l'accès de ${a.nom}`}
                confirmation={`Retirer à ${a.nom} l'accès que ${fiche.prenom} ${fiche.nom} lui avait donné ? L'application devra redemander son accord.`}
                confirmer="Confirmer le retrait"
                action={async () => {
                  await client.retirerApplicationPersonne(uai, fiche.personneId, a.id)
                  await fait(`Accès de ${a.nom} retiré.`)
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
