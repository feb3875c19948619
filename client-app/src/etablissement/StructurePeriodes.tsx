import { useCallback, useState, type FormEvent } from 'react'
import type { DatesPeriode, PeriodeScolaire } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Alerte, Champ, Statut } from './DirectionCommun'
import { focaliserPremiereErreur, nomPeriode } from './structure'

const NOMBRE: Record<string, number> = { trimestre: 3, semestre: 2 }


/** The periods' form: trimesters or semesters and their dates. A period holding assessments cannot be removed (the server says so). */
export function StructurePeriodes({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback((signal: AbortSignal) => scolarite.listerPeriodes(uai, undefined, signal), [scolarite, uai])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <FormulairePeriodes uai={uai} periodes={etat.donnees} />
}

function FormulairePeriodes({ uai, periodes }: { uai: string; periodes: PeriodeScolaire[] }) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [decoupage, setDecoupage] = useState(periodes[0]?.decoupage ?? 'trimestre')
  const [dates, setDates] = useState<DatesPeriode[]>(() => periodes.map((p) => ({ debut: p.debut, fin: p.fin })))
  const [succes, setSucces] = useState<string | null>(null)
  const nombre = NOMBRE[decoupage] ?? 3
  const lignes = Array.from({ length: nombre }, (_, i) => dates[i] ?? { debut: '', fin: '' })

  const changer = (i: number, champ: keyof DatesPeriode, valeur: string) =>
    setDates(lignes.map((d, j) => (j === i ? { ...d, [champ]: valeur } : d)))

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    setSucces(null)
    const formulaire = e.currentTarget
    const enregistrees = await envoyer(() => scolarite.definirPeriodes(uai, { decoupage, periodes: lignes }))
    if (enregistrees) {
      setDates(enregistrees.map((p) => ({ debut: p.debut, fin: p.fin })))
      setSucces(`Périodes enregistrées : ${enregistrees.map((p) => p.libelle).join(', ')}.`)
    } else {
      focaliserPremiereErreur(formulaire)
    }
  }

  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="carte">
      <p>
        L'année est découpée en trimestres ou en semestres ; les périodes se suivent sans se chevaucher. Une période qui a déjà des
        évaluations, des appréciations ou des avis du conseil ne peut pas être supprimée.
      </p>
      <fieldset>
        <legend>Découpage de l'année</legend>
        {Object.keys(NOMBRE).map((d) => (
          <div key={d} className="case">
            <input type="radio" id={`decoupage-${d}`} name="decoupage" value={d} checked={decoupage === d} onChange={() => setDecoupage(d)} />
            <label htmlFor={`decoupage-${d}`}>{d === 'trimestre' ? 'Trois trimestres' : 'Deux semestres'}</label>
          </div>
        ))}
        {refus.champs.decoupage && <p className="erreur-champ">{refus.champs.decoupage}</p>}
      </fieldset>
      {lignes.map((d, i) => (
        <fieldset key={i}>
          <legend>{nomPeriode(decoupage, i + 1)}</legend>
          <div className="actions-ligne">
            <Champ
              libelle="Début"
              type="date"
              value={d.debut}
              onChange={(e) => changer(i, 'debut', e.target.value)}
              erreur={refus.champs[`periodes[${i}].debut`] ?? refus.champs[`periodes[${i}]`]}
            />
            <Champ libelle="Fin" type="date" value={d.fin} onChange={(e) => changer(i, 'fin', e.target.value)} erreur={refus.champs[`periodes[${i}].fin`]} />
          </div>
        </fieldset>
      ))}
      {refus.champs.periodes && <p className="erreur-champ">{refus.champs.periodes}</p>}
      <Alerte message={refus.message} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Enregistrement…' : 'Enregistrer les périodes'}
      </button>
      <Statut message={succes} />
    </form>
  )
}
