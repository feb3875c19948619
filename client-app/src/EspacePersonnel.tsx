import { Suspense, useCallback, useRef, useState, type KeyboardEvent } from 'react'
import { NavLink, Outlet, useLocation, useMatch } from 'react-router'
import { useSession } from './auth/contexte'
import { Attente } from './commun/Attente'
import { usePageRoute, type Espace } from './commun/page'
import { administre, CHEMIN_BULLETINS, CHEMIN_STRUCTURE } from './commun/direction'
import { estEnseignant } from './commun/profils'
import { avecEleve, eleveDemande, litDesNotes, remplacerAdresse } from './commun/suivi'
import { useApi } from './commun/useApi'
import { useDonnees } from './commun/useDonnees'
import { suitLaVieScolaire } from './commun/vieScolaire'
import { NonConnecte } from './public/NonConnecte'

/** The pages about a child: a guardian of several children chooses the child there. */
const PAGES_ENFANT = ['/notes', '/bulletins', '/absences', '/sorties', '/devoirs', '/cahier-de-textes']

/** Every page but the sign-in return: without a session, what the page needs; with one, the person's navigation and the page. */
export function EspacePersonnel() {
  const session = useSession()
  const page = usePageRoute()
  if (!session.chargee) {
    return (
      <main className="cadre">
        <p role="status">Chargement…</p>
      </main>
    )
  }
  if (session.utilisateur) return <Connecte key={session.utilisateur.profile.sub} />
  return (
    <main className="cadre">
      {session.terminee && (
        <p role="status" className="information">
          Votre session a pris fin. Connectez-vous à nouveau pour retrouver votre espace.
        </p>
      )}
      {page.pour && page.titre ? <NonConnecte titre={page.titre} pour={page.pour} /> : <Outlet />}
    </main>
  )
}

/**
 * The connected person's navigation and page. Entries exist only for pages that exist (Accueil; Notes, Bulletins,
 * Absences and Sorties for pupils and guardians; Mes classes and Appel for teachers; Vie scolaire and Élèves (the pupil search) for the CPE and the head; Mon
 * compte); on the pages about a child, a guardian of several children also chooses the child,
 * kept in the address (?eleve=) and in every navigation link, so it stays chosen from page to page. On a phone the
 * entries are behind a « Menu » button and the child switcher sits beside it, so that the page starts high on the screen.
 */
function Connecte() {
  const { identite } = useApi()
  const charger = useCallback((signal: AbortSignal) => identite.obtenirMoi(signal), [identite])
  const [etat, recharger] = useDonnees(charger)
  const [idChoisi, setIdChoisi] = useState<string | null>(() => eleveDemande())
  const { pathname, search } = useLocation()
  const page = usePageRoute()
  const classes = useMatch('/enseignement')
  const appel = useMatch('/appel')

  const moi = etat.statut === 'pret' ? etat.donnees : null
  const enfants = moi?.enfants ?? []
  const enfant = enfants.find((e) => e.id === idChoisi)
  const suivi = enfant ?? enfants[0]
  const pageEnfant = PAGES_ENFANT.includes(pathname)
  // The address names a pupil who is not one of theirs: the grades pages say "introuvable", the list chooses nobody.
  const inconnu = pageEnfant && idChoisi !== null && !enfant
  const lien = useCallback((chemin: string) => avecEleve(chemin, enfants.length > 1 ? suivi?.id : null), [enfants.length, suivi?.id])
  const choisir = useCallback((id: string) => {
    setIdChoisi(id)
    remplacerAdresse(avecEleve(window.location.pathname, id))
  }, [])
  const espace: Espace = { moi, idChoisi, choisir, suivi, lien }

  // On a phone the entries sit behind « Menu » (CSS shows them always on a wider screen); following one closes it.
  const [menu, setMenu] = useState({ ouvert: false, chemin: pathname })
  if (menu.chemin !== pathname) setMenu({ ouvert: false, chemin: pathname })
  const boutonMenu = useRef<HTMLButtonElement>(null)
  const fermerAuClavier = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !menu.ouvert) return
    setMenu({ ouvert: false, chemin: pathname })
    boutonMenu.current?.focus()
  }

  return (
    <>
      <nav aria-label="Navigation principale" className="navigation" onKeyDown={fermerAuClavier}>
        <div className="cadre">
          <button
            type="button"
            ref={boutonMenu}
            className="secondaire bouton-menu"
            aria-expanded={menu.ouvert}
            aria-controls="menu-principal"
            onClick={() => setMenu({ ouvert: !menu.ouvert, chemin: pathname })}
          >
            Menu
          </button>
          {/* Following an entry closes the menu, even the current page's (the address does not change then). */}
          <ul id="menu-principal" className={menu.ouvert ? 'ouvert' : undefined} onClick={() => setMenu({ ouvert: false, chemin: pathname })}>
            <li>
              <NavLink to={lien('/')} end>
                Accueil
              </NavLink>
            </li>
            {/* Messagerie (issue 16): everyone's. */}
            <li>
              <NavLink to="/messagerie">Messagerie</NavLink>
            </li>
            {/* Announcements (issue #16, annonces): everyone may be addressed one. */}
            <li>
              <NavLink to="/annonces">Annonces</NavLink>
            </li>
            {moi && litDesNotes(moi) && (
              <>
                <li>
                  <NavLink to={lien('/emploi-du-temps')}>Emploi du temps</NavLink>
                </li>
                {/* Cahier de textes: one entry, the homework; its page links to the lessons' pages (a second entry
                    would wrap the desktop navigation onto two lines). */}
                <li>
                  <NavLink to={lien('/devoirs')}>Devoirs</NavLink>
                </li>
                <li>
                  <NavLink to={lien('/notes')}>Notes</NavLink>
                </li>
                <li>
                  <NavLink to={lien('/bulletins')}>Bulletins</NavLink>
                </li>
                <li>
                  <NavLink to={lien('/absences')}>Absences</NavLink>
                </li>
                <li>
                  <NavLink to={lien('/sorties')}>Sorties</NavLink>
                </li>
              </>
            )}
            {estEnseignant(moi) && (
              <>
                <li>
                  <NavLink to="/enseignement" aria-current={classes ? 'page' : 'true'}>
                    Mes classes
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/appel" aria-current={appel ? 'page' : 'true'}>
                    Appel
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/enseignement/emploi-du-temps">Mon emploi du temps</NavLink>
                </li>
              </>
            )}
            {suitLaVieScolaire(moi) && (
              <>
                <li>
                  <NavLink to="/vie-scolaire" end>
                    Vie scolaire
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/vie-scolaire/eleves">Élèves</NavLink>
                </li>
                <li>
                  <NavLink to="/vie-scolaire/emploi-du-temps">Emploi du temps</NavLink>
                </li>
              </>
            )}
            {administre(moi) && (
              <li>
                <NavLink to={CHEMIN_BULLETINS}>Publication des bulletins</NavLink>
              </li>
            )}
            {administre(moi) && (
              <li>
                <NavLink to={CHEMIN_STRUCTURE}>Structure</NavLink>
              </li>
            )}
            {administre(moi) && (
              <li>
                <NavLink to="/administration">Administration</NavLink>
              </li>
            )}
            {moi?.administrateurRegion && (
              <li>
                <NavLink to="/region">Région</NavLink>
              </li>
            )}
            {/* School calendar (issue 16, agenda): everyone's. */}
            <li>
              <NavLink to={lien('/agenda')}>Agenda</NavLink>
            </li>
            <li>
              <NavLink to={lien('/compte')}>Mon compte</NavLink>
            </li>
          </ul>
          {(pathname === '/' || pageEnfant) && suivi && enfants.length > 1 && (
            <div className="champ enfant-suivi">
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
        {page.attendMoi && !moi ? (
          <>
            <h1>{page.titre ?? 'Mon espace'}</h1>
            <Attente etat={etat} recharger={recharger} />
          </>
        ) : (
          <Suspense fallback={<Chargement titre={page.titre ?? 'Mon espace'} />}>
            {/* A new address is a new page (as a full load was): its state starts afresh. */}
            <Outlet key={pathname + search} context={espace} />
          </Suspense>
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
