import { useCallback, useState } from 'react'
import { IdentiteClient, type Enfant, type Moi } from './api/ent-client'
import { estEnseignant } from './enseignement/commun'
import { Enseignement } from './enseignement/Enseignement'
import { Attente } from './Attente'
import { useSession } from './auth/contexte'
import { PageIntrouvable } from './PageIntrouvable'
import { MonCompte } from './MonCompte'
import { libelleProfil } from './profils'
import { useDonnees } from './useDonnees'

/** The connected pages: the client route decides which one; anything else is "page introuvable". */
export type PagePersonnelle = 'accueil' | 'compte' | 'enseignement' | 'autre'

/**
 * The connected person's navigation and page. Entries exist only for pages that exist (Accueil, Mon compte); on the
 * home page a guardian of several children also chooses the child whose details are shown.
 */
export function EspacePersonnel({ page, chemin = '/' }: { page: PagePersonnelle; chemin?: string }) {
  const { http } = useSession()
  const charger = useCallback((signal: AbortSignal) => new IdentiteClient('', http).obtenirMoi(signal), [http])
  const [etat, recharger] = useDonnees(charger)
  const [idChoisi, setIdChoisi] = useState<string | null>(null)

  const moi = etat.statut === 'pret' ? etat.donnees : null
  const enfants = moi?.enfants ?? []
  const enfant = enfants.find((e) => e.id === idChoisi) ?? enfants[0]

  return (
    <>
      <nav aria-label="Navigation principale" className="navigation">
        <div className="cadre">
          <ul>
            <li>
              <a href="/" aria-current={page === 'accueil' ? 'page' : undefined}>
                Accueil
              </a>
            </li>
            {estEnseignant(moi) && (
              <li>
                <a href="/enseignement" aria-current={page !== 'enseignement' ? undefined : chemin === '/enseignement' ? 'page' : 'true'}>
                  Mes classes
                </a>
              </li>
            )}
            <li>
              <a href="/compte" aria-current={page === 'compte' ? 'page' : undefined}>
                Mon compte
              </a>
            </li>
          </ul>
          {page === 'accueil' && enfant && enfants.length > 1 && (
            <div className="champ">
              <label htmlFor="enfant-suivi">Enfant suivi</label>
              <select id="enfant-suivi" value={enfant.id} onChange={(e) => setIdChoisi(e.target.value)}>
                {enfants.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.prenom} {e.nom}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </nav>
      <main className="cadre">
        {page === 'autre' ? (
          <PageIntrouvable />
        ) : page === 'enseignement' ? (
          <Enseignement chemin={chemin} />
        ) : !moi ? (
          <>
            <h1>{page === 'compte' ? 'Mon compte' : 'Mon espace'}</h1>
            <Attente etat={etat} recharger={recharger} />
          </>
        ) : page === 'compte' ? (
          <MonCompte moi={moi} />
        ) : (
          <AccueilPersonnel moi={moi} enfant={enfant} />
        )}
      </main>
    </>
  )
}

function AccueilPersonnel({ moi, enfant }: { moi: Moi; enfant: Enfant | undefined }) {
  // A guardian's "Responsable" profile says nothing their children's cards do not; other profiles are shown.
  const profils = moi.enfants.length > 0 ? moi.profils.filter((p) => p.profil !== 'responsable') : moi.profils
  return (
    <>
      <h1>Bonjour {moi.prenom}</h1>
      {moi.enfants.length > 0 && (
        <section aria-labelledby="titre-enfants">
          <h2 id="titre-enfants">{moi.enfants.length > 1 ? 'Vos enfants' : 'Votre enfant'}</h2>
          <ul className="cartes">
            {moi.enfants.map((e) => (
              <li key={e.id} className="carte">
                <h3>
                  {e.prenom} {e.nom}
                </h3>
                <p>{e.etablissement}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {enfant && (
        <section aria-labelledby="titre-enfant-suivi">
          <h2 id="titre-enfant-suivi">Enfant suivi</h2>
          <dl className="carte details">
            <dt>Nom</dt>
            <dd>
              {enfant.prenom} {enfant.nom}
            </dd>
            <dt>Établissement</dt>
            <dd>{enfant.etablissement}</dd>
            <dt>Responsable légal</dt>
            <dd>{enfant.legal ? 'Oui' : 'Non'}</dd>
          </dl>
        </section>
      )}
      {profils.length > 0 && (
        <section aria-labelledby="titre-profils">
          <h2 id="titre-profils">{profils.length > 1 ? 'Vos profils' : 'Votre profil'}</h2>
          <ul className="cartes">
            {profils.map((p) => (
              <li key={`${p.uai} ${p.profil} ${p.fonction ?? ''}`} className="carte">
                <h3>{libelleProfil(p)}</h3>
                <p>{p.etablissement}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {profils.length === 0 && moi.enfants.length === 0 && <p>Aucun profil n'est rattaché à votre compte.</p>}
    </>
  )
}
