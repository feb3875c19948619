import { useEffect, useRef } from 'react'
import { Link, useLocation, useSearchParams } from 'react-router'
import { useMoi } from '../commun/page'
import { avecParametre, useEtablissementAdministre } from './direction'
import { ChoixEtablissement, HorsDirection } from './DirectionCommun'
import { StructureClasses } from './StructureClasses'
import { StructureEmploiDuTemps } from './StructureEmploiDuTemps'
import { StructureNotation } from './StructureNotation'
import { StructurePeriodes } from './StructurePeriodes'
import { StructureServices } from './StructureServices'
import './direction.css'

const ONGLETS = [
  { cle: 'periodes', libelle: 'Périodes' },
  { cle: 'services', libelle: 'Services' },
  { cle: 'classes', libelle: 'Classes et groupes' },
  { cle: 'notation', libelle: 'Matières et notation' },
  { cle: 'emploi-du-temps', libelle: 'Emploi du temps' },
] as const

type Onglet = (typeof ONGLETS)[number]['cle']

/**
 * /direction/structure?onglet=…: the head's (or a local administrator's) structure of the current school year — the
 * periods, the teaching services, the classes and groups (with head teachers), the subjects and grading settings, the
 * timetable (weekly slots, weeks A/B, CSV import). One
 * part at a time, named in the address so that reload, back and a shared link open it again.
 */
export function StructureEtablissement() {
  const moi = useMoi()
  const { etablissement, etablissements, choisir } = useEtablissementAdministre(moi)
  const [params] = useSearchParams()
  const { state } = useLocation()
  const titre = useRef<HTMLHeadingElement>(null)
  const onglet: Onglet = ONGLETS.find((o) => o.cle === params.get('onglet'))?.cle ?? 'periodes'

  useEffect(() => {
    if ((state as { focus?: boolean } | null)?.focus) titre.current?.focus()
  }, [state])

  if (!etablissement) return <HorsDirection titre="Structure de l'établissement" />
  const libelle = ONGLETS.find((o) => o.cle === onglet)!.libelle
  return (
    <>
      <h1>Structure de l'établissement</h1>
      <p className="situation">{etablissement.etablissement}</p>
      <ChoixEtablissement etablissements={etablissements} uai={etablissement.uai} choisir={choisir} />
      <nav aria-label="Parties de la structure" className="onglets">
        <ul>
          {ONGLETS.map((o) => (
            <li key={o.cle}>
              <Link to={avecParametre(params, 'onglet', o.cle)} aria-current={o.cle === onglet ? 'page' : undefined} state={{ focus: true }}>
                {o.libelle}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 ref={titre} tabIndex={-1}>
        {libelle}
      </h2>
      {onglet === 'periodes' && <StructurePeriodes uai={etablissement.uai} />}
      {onglet === 'services' && <StructureServices uai={etablissement.uai} />}
      {onglet === 'classes' && <StructureClasses uai={etablissement.uai} />}
      {onglet === 'notation' && <StructureNotation uai={etablissement.uai} />}
      {onglet === 'emploi-du-temps' && <StructureEmploiDuTemps uai={etablissement.uai} />}
    </>
  )
}
