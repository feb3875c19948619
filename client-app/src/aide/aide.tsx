import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { PageIntrouvable } from '../commun/PageIntrouvable'

/**
 * « Aide » (issue 19): short answers for the families, in plain words and in the reader's language — activating an
 * account, explaining an absence, reading the report card — and whom to call. Open to everyone, signed in or not.
 */
const SUJETS = ['activer', 'justifier', 'bulletin'] as const
type Sujet = (typeof SUJETS)[number]

/** The steps of each topic, in order (keys of the « aide » catalogue). */
const ETAPES: Record<Sujet, { avant: string[]; etapes: string[]; apres: string[] }> = {
  activer: { avant: ['p1'], etapes: ['e1', 'e2', 'e3'], apres: ['educonnect', 'perdu'] },
  justifier: { avant: ['p1'], etapes: ['e1', 'e2', 'e3', 'e4'], apres: ['demiJournee'] },
  bulletin: { avant: ['p1'], etapes: [], apres: ['moyenne', 'coefficient', 'appreciation', 'classe'] },
}

export interface ContactSupport {
  telephone?: string | null
  horaires?: string | null
  courriel?: string | null
}

/** The support contact the host is configured with (Ent:Support); nothing when it has none or cannot be reached. */
export function useSupport(): ContactSupport | null {
  const [support, setSupport] = useState<ContactSupport | null>(null)
  useEffect(() => {
    const arret = new AbortController()
    fetch('/api/identite/support', { signal: arret.signal, headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<ContactSupport>) : null))
      .then(setSupport, () => setSupport(null))
    return () => arret.abort()
  }, [])
  return support
}

export function BlocSupport() {
  const { t } = useTranslation('aide')
  const support = useSupport()
  return (
    <section aria-labelledby="titre-support" className="carte support">
      <h2 id="titre-support">{t('support.titre')}</h2>
      {support?.telephone && (
        <p>
          <a href={`tel:${support.telephone.replace(/[^+\d]/g, '')}`}>{t('support.appeler', { telephone: support.telephone })}</a>
          {support.horaires && (
            <>
              <br />
              {t('support.horaires', { horaires: support.horaires })}
            </>
          )}
        </p>
      )}
      {support?.courriel && (
        <p>
          <a href={`mailto:${support.courriel}`}>{t('support.ecrire', { courriel: support.courriel })}</a>
        </p>
      )}
      <p>{t('support.etablissement')}</p>
    </section>
  )
}

export function Aide() {
  const { sujet } = useParams()
  const { t } = useTranslation('aide')
  if (sujet !== undefined) {
    if (!(SUJETS as readonly string[]).includes(sujet)) return <PageIntrouvable />
    return <PageSujet sujet={sujet as Sujet} />
  }
  return (
    <>
      <h1>{t('titre')}</h1>
      <p>{t('intro')}</p>
      <h2>{t('sujets')}</h2>
      <ul className="sujets-aide">
        {SUJETS.map((s) => (
          <li key={s} className="carte">
            <Link to={`/aide/${s}`}>{t(`${s}.titre`)}</Link>
            <p>{t(`${s}.resume`)}</p>
          </li>
        ))}
        <li className="carte">
          <Link to="/accessibilite">{t('accessibilite.titre')}</Link>
        </li>
      </ul>
      <BlocSupport />
    </>
  )
}

function PageSujet({ sujet }: { sujet: Sujet }) {
  const { t } = useTranslation('aide')
  const { avant, etapes, apres } = ETAPES[sujet]
  useEffect(() => {
    document.title = `${t(`${sujet}.titre`)} — ${t('titre')} — Ent`
  }, [sujet, t])
  return (
    <>
      <nav aria-label={t('titre')} className="fil-ariane">
        <ol>
          <li>
            <Link to="/aide">{t('titre')}</Link>
          </li>
          <li aria-current="page">{t(`${sujet}.titre`)}</li>
        </ol>
      </nav>
      <h1>{t(`${sujet}.titre`)}</h1>
      {avant.map((c) => (
        <p key={c}>{t(`${sujet}.${c}`)}</p>
      ))}
      {etapes.length > 0 && (
        <ol className="etapes-aide">
          {etapes.map((c) => (
            <li key={c}>{t(`${sujet}.${c}`)}</li>
          ))}
        </ol>
      )}
      {apres.map((c) => (
        <p key={c}>{t(`${sujet}.${c}`)}</p>
      ))}
      <BlocSupport />
    </>
  )
}

/** The RGAA accessibility statement the law requires of public services (the model of the DINUM), honest about its state. */
export function Accessibilite() {
  const { t } = useTranslation('aide')
  const section = (titre: string, ...cles: string[]) => (
    <section aria-labelledby={`acc-${titre}`}>
      <h2 id={`acc-${titre}`}>{t(`accessibilite.${titre}`)}</h2>
      {cles.length > 1 ? (
        <ul>
          {cles.map((c) => (
            <li key={c}>{t(`accessibilite.${c}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t(`accessibilite.${cles[0]}`)}</p>
      )}
    </section>
  )
  return (
    <>
      <h1>{t('accessibilite.titre')}</h1>
      <p>{t('accessibilite.engagement')}</p>
      {section('etatTitre', 'etat')}
      {section('testsTitre', 'tests1', 'tests2', 'tests3')}
      {section('nonAccessiblesTitre', 'nonAccessibles1', 'nonAccessibles2')}
      {section('technologiesTitre', 'technologies')}
      {section('contactTitre', 'contact')}
      <BlocSupport />
      {section('recoursTitre', 'recours')}
      <p>{t('accessibilite.date')}</p>
    </>
  )
}
