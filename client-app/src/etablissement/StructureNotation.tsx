import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { MatiereEtablissement, ParametresNotation } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Alerte, Champ, Statut } from './DirectionCommun'
import { focaliserPremiereErreur } from './structure'

interface Donnees {
  parametres: ParametresNotation
  matieres: MatiereEtablissement[]
}

const NON_RENDU: Record<string, string> = {
  zero: 'Compte 0 dans la moyenne',
  exclu: 'Ne compte pas dans la moyenne',
}

/** The grading settings (how work not handed in counts) and the subjects (name, national code, place on the report card). */
export function StructureNotation({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback(
    async (signal: AbortSignal): Promise<Donnees> => {
      const [parametres, matieres] = await Promise.all([scolarite.obtenirParametresNotation(uai, signal), scolarite.listerMatieres(uai, signal)])
      return { parametres, matieres }
    },
    [scolarite, uai],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return (
    <>
      <Parametres uai={uai} parametres={etat.donnees.parametres} />
      <Matieres uai={uai} matieres={etat.donnees.matieres} />
    </>
  )
}

function Parametres({ uai, parametres }: { uai: string; parametres: ParametresNotation }) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [nonRendu, setNonRendu] = useState(parametres.nonRendu)
  const [succes, setSucces] = useState<string | null>(null)

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    const p = await envoyer(() => scolarite.modifierParametresNotation(uai, { nonRendu }))
    if (p) setSucces(`Réglage enregistré : un travail non rendu ${p.nonRendu === 'zero' ? 'compte 0' : 'ne compte pas'} dans les moyennes.`)
  }
  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="carte" aria-labelledby="titre-non-rendu">
      <h3 id="titre-non-rendu">Travail non rendu</h3>
      <fieldset>
        <legend>Un travail marqué « Non rendu »</legend>
        {Object.entries(NON_RENDU).map(([valeur, texte]) => (
          <div key={valeur} className="case">
            <input type="radio" id={`non-rendu-${valeur}`} name="non-rendu" value={valeur} checked={nonRendu === valeur} onChange={() => setNonRendu(valeur)} />
            <label htmlFor={`non-rendu-${valeur}`}>{texte}</label>
          </div>
        ))}
        {refus.champs.nonRendu && <p className="erreur-champ">{refus.champs.nonRendu}</p>}
      </fieldset>
      <Alerte message={refus.message} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Enregistrement…' : 'Enregistrer le réglage'}
      </button>
      <Statut message={succes} />
    </form>
  )
}

function Matieres({ uai, matieres: initiales }: { uai: string; matieres: MatiereEtablissement[] }) {
  const [matieres, setMatieres] = useState(initiales)
  const [ouverte, setOuverte] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const enregistree = (m: MatiereEtablissement, nouvelle: boolean) => {
    setMatieres((liste) => [...liste.filter((x) => x.code !== m.code), m].sort((a, b) => a.rang - b.rang || a.libelle.localeCompare(b.libelle, 'fr')))
    setOuverte(null)
    setSucces(`Matière ${m.libelle} ${nouvelle ? 'ajoutée' : 'enregistrée'}.`)
  }
  return (
    <section aria-labelledby="titre-matieres" className="carte">
      <h3 id="titre-matieres">Matières</h3>
      <p className="aide">Dans l'ordre du bulletin : le rang le plus petit vient en premier.</p>
      <Statut message={succes} focaliser />
      <div className="defilement">
        <table className="tableau-direction">
          <thead>
            <tr>
              <th scope="col">Matière</th>
              <th scope="col">Code</th>
              <th scope="col">Code national</th>
              <th scope="col">Rang</th>
              <th scope="col">
                <span className="visuellement-cache">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {matieres.map((m) => (
              <tr key={m.code}>
                <th scope="row">{m.libelle}</th>
                <td>{m.code}</td>
                <td>{m.codeNational ?? '—'}</td>
                <td>{m.rang}</td>
                <td>
                  <button
                    type="button"
                    className="secondaire"
                    aria-expanded={ouverte === m.code}
                    onClick={() => {
                      setSucces(null)
                      setOuverte(m.code)
                    }}
                  >
                    Modifier <span className="visuellement-cache">{m.libelle}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matieres.map(
        (m) =>
          ouverte === m.code && <MatiereForm key={m.code} uai={uai} matiere={m} annuler={() => setOuverte(null)} enregistree={(x) => enregistree(x, false)} />,
      )}
      <MatiereForm key={matieres.length} uai={uai} enregistree={(x) => enregistree(x, true)} />
    </section>
  )
}

/** A subject's form: the one given, or a new one (its code then typed). */
function MatiereForm({
  uai,
  matiere,
  annuler,
  enregistree,
}: {
  uai: string
  matiere?: MatiereEtablissement
  annuler?: () => void
  enregistree: (m: MatiereEtablissement) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const [code, setCode] = useState(matiere?.code ?? '')
  const [libelle, setLibelle] = useState(matiere?.libelle ?? '')
  const [codeNational, setCodeNational] = useState(matiere?.codeNational ?? '')
  const [rang, setRang] = useState(String(matiere?.rang ?? ''))
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (matiere) titre.current?.focus()
  }, [matiere])

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const champs: Record<string, string> = {}
    const codeSaisi = code.trim().toUpperCase()
    if (!/^[A-Z0-9_]{1,20}$/.test(codeSaisi)) champs.code = 'Indiquez un code de 1 à 20 lettres majuscules, chiffres ou « _ », par exemple MATHS.'
    if (!/^\d{1,3}$/.test(rang.trim())) champs.rang = 'Indiquez un rang de 0 à 999.'
    if (Object.keys(champs).length > 0) {
      setRefus({ champs, message: 'Vérifiez les champs signalés.' })
      return focaliserPremiereErreur(formulaire)
    }
    const m = await envoyer(() =>
      scolarite.enregistrerMatiere(uai, codeSaisi, { libelle, codeNational: codeNational.trim() || null, rang: Number(rang) }),
    )
    if (m) enregistree(m)
    else focaliserPremiereErreur(formulaire)
  }
  const id = matiere ? `matiere-${matiere.code}` : 'nouvelle-matiere'
  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-direction" aria-labelledby={id}>
      <h4 id={id} ref={titre} tabIndex={-1}>
        {matiere ? `Modifier ${matiere.libelle}` : 'Ajouter une matière'}
      </h4>
      {!matiere && <Champ libelle="Code de la matière" aide="Par exemple MATHS." value={code} onChange={(e) => setCode(e.target.value)} erreur={refus.champs.code} />}
      <Champ libelle="Nom de la matière" value={libelle} onChange={(e) => setLibelle(e.target.value)} erreur={refus.champs.libelle} />
      <Champ
        libelle="Code national (facultatif)"
        aide="Six chiffres (nomenclature BCN)."
        inputMode="numeric"
        value={codeNational}
        onChange={(e) => setCodeNational(e.target.value)}
        erreur={refus.champs.codeNational}
      />
      <Champ libelle="Rang sur le bulletin" inputMode="numeric" value={rang} onChange={(e) => setRang(e.target.value)} erreur={refus.champs.rang} />
      <Alerte message={refus.message} />
      <div className="actions-ligne">
        <button type="submit" disabled={envoi} aria-busy={envoi}>
          {envoi ? 'Enregistrement…' : matiere ? 'Enregistrer la matière' : 'Ajouter la matière'}
        </button>
        {annuler && (
          <button type="button" className="secondaire" onClick={annuler} disabled={envoi}>
            Annuler
          </button>
        )}
      </div>
    </form>
  )
}
