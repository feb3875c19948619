import { useCallback, useState } from 'react'
import type { EmploiDuTempsEleve, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { coursDuJour, joursDeLaSemaine, jourVoisin, lundiDe } from '../commun/emploiDuTemps'
import { aujourdhui as aujourdhuiParis, jourCourt } from '../commun/format'
import { ListeCours } from '../commun/ListeCours'
import { NavigationJours, useGlisser, type VueEdt } from '../commun/NavigationJours'
import { avecEleve, estEleve, remplacerAdresse } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { decalerJour, jourValide } from '../commun/vieScolaire'

const TOUS = 'tous'

/** Who to show first: the child the address names, else every child (a guardian of several), else the one pupil. */
export function quiParDefaut(moi: Moi, idChoisi: string | null): string | null {
  if (idChoisi) return idChoisi
  const enfants = moi.enfants.filter((e) => e.domaines.includes('travail_scolaire'))
  if (enfants.length > 1) return TOUS
  if (enfants.length === 1) return enfants[0].id
  return estEleve(moi) ? moi.id : null
}

const parametre = (nom: string) => new URLSearchParams(window.location.search).get(nom)

/**
 * /emploi-du-temps?eleve=…&jour=2026-12-03&vue=jour|semaine — the timetable of a pupil, or of all a guardian's children
 * on one screen. Phone first: today by default, « Jour précédent / suivant » and a swipe for the other days, the week on
 * demand; the lesson under way is marked, a cancelled lesson struck through and said in words. The address keeps the
 * child, the day and the view, so that a notification's link opens the very day.
 */
export function PageEmploiDuTemps({ moi, idChoisi }: { moi: Moi; idChoisi: string | null }) {
  const aujourdhui = aujourdhuiParis()
  const [jour, setJour] = useState(() => {
    const demande = parametre('jour')
    return jourValide(demande) ? demande : aujourdhui
  })
  const [vue, setVue] = useState<VueEdt>(() => (parametre('vue') === 'semaine' ? 'semaine' : 'jour'))
  const [qui, setQui] = useState(() => quiParDefaut(moi, idChoisi))
  const enfants = moi.enfants.filter((e) => e.domaines.includes('travail_scolaire'))
  const plusieurs = enfants.length > 1

  const aller = (nouveauJour: string, nouvelleVue: VueEdt, nouveauQui = qui) => {
    setJour(nouveauJour)
    setVue(nouvelleVue)
    setQui(nouveauQui)
    const eleve = nouveauQui === TOUS || (!plusieurs && nouveauQui === (enfants[0]?.id ?? moi.id)) ? null : nouveauQui
    remplacerAdresse(avecEleve('/emploi-du-temps', eleve, { jour: nouveauJour, ...(nouvelleVue === 'semaine' ? { vue: 'semaine' } : {}) }))
  }

  return (
    <>
      <h1>Emploi du temps</h1>
      {!qui ? (
        <p>Cette page présente l'emploi du temps d'un élève : elle est réservée aux élèves et à leurs responsables.</p>
      ) : (
        <>
          {plusieurs && (
            <div className="champ">
              <label htmlFor="edt-enfant">Enfant</label>
              <select id="edt-enfant" value={qui} onChange={(e) => aller(jour, vue, e.target.value)}>
                <option value={TOUS}>Tous mes enfants</option>
                {enfants.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.prenom} {e.nom}
                  </option>
                ))}
              </select>
            </div>
          )}
          <NavigationJours jour={jour} vue={vue} aujourdhui={aujourdhui} changer={(j, v) => aller(j, v)} />
          <Semaine key={`${qui} ${lundiDe(jour)}`} moi={moi} qui={qui} jour={jour} vue={vue} aller={(j) => aller(j, vue)} />
        </>
      )}
    </>
  )
}

function Semaine({ moi, qui, jour, vue, aller }: { moi: Moi; qui: string; jour: string; vue: VueEdt; aller: (jour: string) => void }) {
  const client = useApi().scolarite
  const lundi = lundiDe(jour)
  // Someone else's pupil (a link from a notification or from the desk) is asked by id; the family's own come together.
  const famille = qui === TOUS || qui === moi.id || moi.enfants.some((e) => e.id === qui)
  const charger = useCallback(
    (signal: AbortSignal) =>
      famille
        ? client.obtenirMonEmploiDuTemps(lundi, decalerJour(lundi, 6), signal)
        : ouIntrouvable(client.obtenirEmploiDuTempsEleve(qui, lundi, decalerJour(lundi, 6), signal)),
    [client, famille, qui, lundi],
  )
  const [etat, recharger] = useDonnees(charger)
  const [maintenant] = useState(() => new Date())
  const glisser = useGlisser(
    () => aller(vue === 'jour' ? jourVoisin(jour, -1) : decalerJour(lundi, -7)),
    () => aller(vue === 'jour' ? jourVoisin(jour, 1) : decalerJour(lundi, 7)),
  )
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (!etat.donnees) return <p className="information">Emploi du temps introuvable : cet élève n'existe pas, ou vous n'y avez pas accès.</p>
  const eleves = etat.donnees.eleves.filter((e) => qui === TOUS || e.eleveId === qui)
  if (eleves.length === 0) return <p className="information">Aucun emploi du temps à afficher.</p>
  const nommer = eleves.length > 1 || moi.enfants.length > 0
  return (
    <div className="zone-glisser" {...glisser}>
      {eleves.map((e) => (
        <section key={e.eleveId} aria-labelledby={nommer ? `edt-${e.eleveId}` : undefined}>
          {nommer && (
            <h3 id={`edt-${e.eleveId}`} className="qui">
              {e.prenom} {e.nom}
              {e.classe && <span className="aide"> · {e.classe}</span>}
            </h3>
          )}
          {vue === 'jour' ? (
            <ListeCours cours={coursDuJour(e.cours, jour)} maintenant={maintenant} enseignant />
          ) : (
            <SemaineEleve eleve={e} jour={jour} maintenant={maintenant} niveau={nommer ? 4 : 3} />
          )}
        </section>
      ))}
    </div>
  )
}

function SemaineEleve({ eleve, jour, maintenant, niveau }: { eleve: EmploiDuTempsEleve; jour: string; maintenant: Date; niveau: 3 | 4 }) {
  const Titre = niveau === 3 ? 'h3' : 'h4'
  return (
    <div className="semaine-edt">
      {joursDeLaSemaine(jour).map((j) => (
        <div key={j} className="jour-edt">
          <Titre>{jourCourt(j)}</Titre>
          <ListeCours cours={coursDuJour(eleve.cours, j)} maintenant={maintenant} enseignant vide="Pas de cours." />
        </div>
      ))}
    </div>
  )
}
