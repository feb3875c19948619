import { lazy, Suspense, useCallback, useState } from 'react'
import { IdentiteClient, type Enfant, type Moi } from './api/ent-client'
import { estEnseignant } from './enseignant/commun'
import { Enseignement } from './enseignant/Enseignement'
import { Attente } from './commun/Attente'
import { useSession } from './auth/contexte'
import { PageIntrouvable } from './commun/PageIntrouvable'
import { MonCompte } from './compte/MonCompte'
import { DernieresNotes, Notifications } from './famille/AccueilNotes'
import { EntreesNavigation } from './famille/EntreesNavigation'
import { PageBulletins } from './famille/PageBulletins'
import { PageNotes } from './famille/PageNotes'
import { avecEleve, eleveDemande, eleveDesNotes, estPageFamille, litDesNotes, remplacerAdresse, type PageFamille } from './commun/suivi'
import { libelleProfil } from './commun/profils'
import { useDonnees } from './commun/useDonnees'
import { AbsencesAJustifier } from './famille/AccueilAbsences'
import { CHEMIN_APPEL, CHEMIN_TABLEAU, suitLaVieScolaire, type PageVieScolaire } from './commun/vieScolaire'
import { PageAbsences } from './famille/PageAbsences'

// Staff's pages load when opened: families, on the slowest connections, never download them.
const PagesAppel = lazy(() => import('./enseignant/PagesAppel').then((m) => ({ default: m.PagesAppel })))
const TableauVieScolaire = lazy(() => import('./etablissement/TableauVieScolaire').then((m) => ({ default: m.TableauVieScolaire })))

/** The connected pages: the client route decides which one; anything else is "page introuvable". */
export type PagePersonnelle = 'accueil' | 'compte' | 'enseignement' | PageFamille | PageVieScolaire | 'autre'

/**
 * The connected person's navigation and page. Entries exist only for pages that exist (Accueil; Notes, Bulletins and
 * Absences for pupils and guardians; Mes classes and Appel for teachers; Vie scolaire for the CPE and the head; Mon
 * compte); on the pages about a child, a guardian of several children also chooses the child,
 * kept in the address (?eleve=) and in every navigation link, so it stays chosen from page to page.
 */
export function EspacePersonnel({ page, chemin = '/' }: { page: PagePersonnelle; chemin?: string }) {
  const { http } = useSession()
  const charger = useCallback((signal: AbortSignal) => new IdentiteClient('', http).obtenirMoi(signal), [http])
  const [etat, recharger] = useDonnees(charger)
  const [idChoisi, setIdChoisi] = useState<string | null>(() => eleveDemande())

  const moi = etat.statut === 'pret' ? etat.donnees : null
  const enfants = moi?.enfants ?? []
  const enfant = enfants.find((e) => e.id === idChoisi)
  const suivi = enfant ?? enfants[0]
  // The address names a pupil who is not one of theirs: the grades pages say "introuvable", the list chooses nobody.
  const inconnu = estPageFamille(page) && idChoisi !== null && !enfant
  const lien = (chemin: string) => avecEleve(chemin, enfants.length > 1 ? suivi?.id : null)
  const choisir = useCallback((id: string) => {
    setIdChoisi(id)
    remplacerAdresse(avecEleve(window.location.pathname, id))
  }, [])

  return (
    <>
      <nav aria-label="Navigation principale" className="navigation">
        <div className="cadre">
          <ul>
            <li>
              <a href={lien('/')} aria-current={page === 'accueil' ? 'page' : undefined}>
                Accueil
              </a>
            </li>
            {moi && litDesNotes(moi) && <EntreesNavigation page={page} lien={lien} />}
            {estEnseignant(moi) && (
              <li>
                <a href="/enseignement" aria-current={page !== 'enseignement' ? undefined : chemin === '/enseignement' ? 'page' : 'true'}>
                  Mes classes
                </a>
              </li>
            )}
            {estEnseignant(moi) && (
              <li>
                <a href={CHEMIN_APPEL} aria-current={page !== 'appel' ? undefined : chemin === CHEMIN_APPEL ? 'page' : 'true'}>
                  Appel
                </a>
              </li>
            )}
            {suitLaVieScolaire(moi) && (
              <li>
                <a href={CHEMIN_TABLEAU} aria-current={page === 'vie-scolaire' ? 'page' : undefined}>
                  Vie scolaire
                </a>
              </li>
            )}
            <li>
              <a href={lien('/compte')} aria-current={page === 'compte' ? 'page' : undefined}>
                Mon compte
              </a>
            </li>
          </ul>
          {(page === 'accueil' || estPageFamille(page)) && suivi && enfants.length > 1 && (
            <div className="champ">
              <label htmlFor="enfant-suivi">Enfant suivi</label>
              <select id="enfant-suivi" value={inconnu ? '' : suivi.id} onChange={(e) => choisir(e.target.value)}>
                {inconnu && (
                  <option value="" disabled>
                    Choisir un enfant
                  </option>
                )}
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
        ) : page === 'appel' ? (
          <Suspense fallback={<Chargement titre="Appel" />}>
            <PagesAppel chemin={chemin} />
          </Suspense>
        ) : !moi ? (
          <>
            <h1>{TITRES_ATTENTE[page]}</h1>
            <Attente etat={etat} recharger={recharger} />
          </>
        ) : page === 'compte' ? (
          <MonCompte moi={moi} />
        ) : page === 'notes' ? (
          <PageNotes eleve={eleveDesNotes(moi, idChoisi)} />
        ) : page === 'bulletins' ? (
          <PageBulletins eleve={eleveDesNotes(moi, idChoisi)} />
        ) : page === 'absences' ? (
          <PageAbsences moi={moi} idChoisi={idChoisi} choisir={choisir} />
        ) : page === 'vie-scolaire' ? (
          <Suspense fallback={<Chargement titre="Vie scolaire" />}>
            <TableauVieScolaire moi={moi} />
          </Suspense>
        ) : (
          <AccueilPersonnel moi={moi} enfant={suivi} lienNotes={lien('/notes')} />
        )}
      </main>
    </>
  )
}

function Chargement({ titre }: { titre: string }) {
  return (
    <>
      <h1>{titre}</h1>
      <p role="status">Chargement…</p>
    </>
  )
}

const TITRES_ATTENTE: Record<'accueil' | 'compte' | PageFamille | 'vie-scolaire', string> = {
  accueil: 'Mon espace',
  compte: 'Mon compte',
  notes: 'Notes',
  bulletins: 'Bulletins',
  absences: 'Absences',
  'vie-scolaire': 'Vie scolaire',
}

function AccueilPersonnel({ moi, enfant, lienNotes }: { moi: Moi; enfant: Enfant | undefined; lienNotes: string }) {
  // A guardian's "Responsable" profile says nothing their children's cards do not; other profiles are shown.
  const profils = moi.enfants.length > 0 ? moi.profils.filter((p) => p.profil !== 'responsable') : moi.profils
  const eleve = eleveDesNotes(moi, enfant?.id ?? null)
  return (
    <>
      <h1>Bonjour {moi.prenom}</h1>
      <AbsencesAJustifier moi={moi} />
      {eleve && litDesNotes(moi) && (
        <>
          <DernieresNotes eleve={eleve} lienNotes={lienNotes} />
          <Notifications />
        </>
      )}
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
