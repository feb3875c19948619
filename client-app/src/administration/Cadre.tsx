import { useEffect, useRef, type ReactNode } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import type { ProfilEtablissement } from '../api/ent-client'
import { CHEMIN_ADMINISTRATION, CHEMIN_IMPORTS, CHEMIN_REGLAGES } from './commun'
import './administration.css'

const PARTIES = [
  { chemin: CHEMIN_ADMINISTRATION, libelle: 'Personnes' },
  { chemin: CHEMIN_IMPORTS, libelle: 'Imports' },
  { chemin: CHEMIN_REGLAGES, libelle: 'Structure et réglages' },
]

/**
 * The frame of the établissement's administration pages: the heading (focused when a part is chosen), the établissement,
 * its choice for someone who runs several, and the parts (Personnes, Imports, Structure et réglages).
 */
export function CadreAdministration({
  titre,
  etablissement,
  etablissements,
  children,
}: {
  titre: string
  etablissement: ProfilEtablissement | undefined
  etablissements: ProfilEtablissement[]
  children: ReactNode
}) {
  const { pathname, state } = useLocation()
  const navigate = useNavigate()
  const h1 = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if ((state as { focus?: boolean } | null)?.focus) h1.current?.focus()
  }, [state])

  if (!etablissement) {
    return (
      <>
        <h1>{titre}</h1>
        <p>Cette page est réservée à la direction et aux administrateurs de l'établissement.</p>
        <p>
          <Link to="/">Retour à l'accueil</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1 ref={h1} tabIndex={-1}>
        {titre}
      </h1>
      <p className="situation">{etablissement.etablissement}</p>
      {etablissements.length > 1 && (
        <div className="champ">
          <label htmlFor="etablissement-administre">Établissement</label>
          <select id="etablissement-administre" value={etablissement.uai} onChange={(e) => navigate(`${pathname}?uai=${e.target.value}`)}>
            {etablissements.map((e) => (
              <option key={e.uai} value={e.uai}>
                {e.etablissement}
              </option>
            ))}
          </select>
        </div>
      )}
      <nav aria-label="Administration" className="onglets-administration">
        <ul>
          {PARTIES.map((p) => (
            <li key={p.chemin}>
              <Link to={`${p.chemin}?uai=${etablissement.uai}`} aria-current={pathname === p.chemin ? 'page' : undefined} state={{ focus: true }}>
                {p.libelle}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  )
}
