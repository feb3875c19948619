import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { AnnoncePublique, Etablissement, LienUtile } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { apiPublique } from './apiPublique'
import { useDonnees } from '../commun/useDonnees'
import { localeCourante } from '../i18n/i18n'
import { avecElement } from '../i18n/insertion'

const chargerEtablissements = (signal: AbortSignal) => apiPublique.listerEtablissements(signal)

export function Accueil() {
  const [etat, recharger] = useDonnees(chargerEtablissements)
  const [uaiChoisi, setUaiChoisi] = useState<string | null>(null)
  const { t } = useTranslation()

  if (etat.statut !== 'pret') {
    return (
      <>
        <h1>{t('app.devise')}</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }

  // The generated client returns null for an empty body.
  const etablissements = etat.donnees ?? []
  if (etablissements.length === 0) {
    return (
      <>
        <h1>{t('app.devise')}</h1>
        <p>{t('accueilPublic.aucunEtablissement')}</p>
      </>
    )
  }

  const etablissement = etablissements.find((e) => e.uai === uaiChoisi) ?? etablissements[0]
  return (
    <>
      <h1>{etablissement.nom}</h1>
      <p className="situation">{situation(etablissement, t)}</p>
      {etablissements.length > 1 && (
        <div className="champ">
          <label htmlFor="etablissement">{t('accueilPublic.etablissementAffiche')}</label>
          <select id="etablissement" value={etablissement.uai} onChange={(e) => setUaiChoisi(e.target.value)}>
            {etablissements.map((e) => (
              <option key={e.uai} value={e.uai}>
                {e.commune ? `${e.nom} (${e.commune})` : e.nom}
              </option>
            ))}
          </select>
        </div>
      )}
      <ContenuPublic uai={etablissement.uai} />
    </>
  )
}

function ContenuPublic({ uai }: { uai: string }) {
  const charger = useCallback(
    (signal: AbortSignal) =>
      Promise.all([
        apiPublique.listerAnnoncesPubliques(uai, signal),
        apiPublique.listerLiensUtiles(uai, signal),
      ]),
    [uai],
  )
  const [etat, recharger] = useDonnees(charger)

  if (etat.statut !== 'pret') {
    return <Attente etat={etat} recharger={recharger} />
  }
  const [annonces, liens] = etat.donnees
  return (
    <>
      <Annonces annonces={annonces ?? []} />
      <LiensUtiles liens={liens ?? []} />
    </>
  )
}

function Annonces({ annonces }: { annonces: AnnoncePublique[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="titre-annonces">
      <h2 id="titre-annonces">{t('accueilPublic.annonces')}</h2>
      {annonces.length === 0 ? (
        <p>{t('accueilPublic.aucuneAnnonce')}</p>
      ) : (
        annonces.map((a) => (
          <article key={a.id} className="carte">
            <h3>{a.titre}</h3>
            <p className="date">
              {avecElement((date) => t('accueilPublic.publieeLe', { date }), <time dateTime={a.publieeLe}>{dateLongue(a.publieeLe)}</time>)}
            </p>
            <p className="texte">{a.texte}</p>
          </article>
        ))
      )}
    </section>
  )
}

function LiensUtiles({ liens }: { liens: LienUtile[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="titre-liens">
      <h2 id="titre-liens">{t('accueilPublic.liensUtiles')}</h2>
      {liens.length === 0 ? (
        <p>{t('accueilPublic.aucunLien')}</p>
      ) : (
        <ul className="liens">
          {liens.map((l) => (
            <li key={`${l.url} ${l.titre}`} className="carte">
              {adresseWeb(l.url) ? (
                <a href={l.url} rel="noopener">
                  {l.titre}
                </a>
              ) : (
                <span>{l.titre}</span>
              )}
              {l.description && <p>{l.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** A day in the reader's language: « 2 décembre 2026 », « 2 December 2026 », « ٢ ديسمبر ٢٠٢٦ ». */
function dateLongue(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(localeCourante(), { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date)
}

function situation({ commune, academie }: Etablissement, t: TFunction): string {
  // French elides "de" before a vowel or a mute h: académie d’Amiens, académie de Paris.
  const voyelle = /^[aeiouyhàâéèêëîïôöùûü]/i.test(academie)
  const academieDe = t(voyelle ? 'accueilPublic.academieVoyelle' : 'accueilPublic.academie', { academie })
  return commune ? `${commune}, ${academieDe}` : academieDe
}

/** Only http(s) addresses become links: a javascript: or data: URL from the server must never be clickable. */
function adresseWeb(url: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}
