import { useCallback, useState } from 'react'
import type { AnnoncePublique, Etablissement, LienUtile } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { apiPublique } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'

const chargerEtablissements = (signal: AbortSignal) => apiPublique.identite.listerEtablissements(signal)

export function Accueil() {
  const [etat, recharger] = useDonnees(chargerEtablissements)
  const [uaiChoisi, setUaiChoisi] = useState<string | null>(null)

  if (etat.statut !== 'pret') {
    return (
      <>
        <h1>Espace numérique de travail</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }

  // The generated client returns null for an empty body.
  const etablissements = etat.donnees ?? []
  if (etablissements.length === 0) {
    return (
      <>
        <h1>Espace numérique de travail</h1>
        <p>Aucun établissement n'est encore inscrit sur cet espace.</p>
      </>
    )
  }

  const etablissement = etablissements.find((e) => e.uai === uaiChoisi) ?? etablissements[0]
  return (
    <>
      <h1>{etablissement.nom}</h1>
      <p className="situation">{situation(etablissement)}</p>
      {etablissements.length > 1 && (
        <div className="champ">
          <label htmlFor="etablissement">Établissement affiché</label>
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
        apiPublique.communication.listerAnnoncesPubliques(uai, signal),
        apiPublique.ressources.listerLiensUtiles(uai, signal),
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
  return (
    <section aria-labelledby="titre-annonces">
      <h2 id="titre-annonces">Annonces</h2>
      {annonces.length === 0 ? (
        <p>Aucune annonce pour le moment.</p>
      ) : (
        annonces.map((a) => (
          <article key={a.id} className="carte">
            <h3>{a.titre}</h3>
            <p className="date">
              Publiée le <time dateTime={a.publieeLe}>{dateEnFrancais(a.publieeLe)}</time>
            </p>
            <p className="texte">{a.texte}</p>
          </article>
        ))
      )}
    </section>
  )
}

function LiensUtiles({ liens }: { liens: LienUtile[] }) {
  return (
    <section aria-labelledby="titre-liens">
      <h2 id="titre-liens">Liens utiles</h2>
      {liens.length === 0 ? (
        <p>Aucun lien utile pour le moment.</p>
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

const formatDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' })

function dateEnFrancais(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : formatDate.format(date)
}

function situation({ commune, academie }: Etablissement): string {
  // French elides "de" before a vowel or a mute h: académie d'Amiens, académie de Paris.
  const academieDe = /^[aeiouyhàâéèêëîïôöùûü]/i.test(academie) ? `académie d'${academie}` : `académie de ${academie}`
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
