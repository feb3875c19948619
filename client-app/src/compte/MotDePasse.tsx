import { useState, type FormEvent } from 'react'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { useApi } from '../commun/useApi'
import { Alerte, Champ, Section, Statut } from './formulaire'

export function MotDePasse() {
  const client = useApi().identite
  const [actuel, setActuel] = useState('')
  const [nouveau, setNouveau] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    if (nouveau !== confirmation) {
      setRefus({ champs: { confirmation: 'Les deux nouveaux mots de passe ne sont pas identiques.' }, message: 'Vérifiez les champs signalés.' })
      return
    }
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      await client.changerMotDePasse({ actuel, nouveau })
      setActuel('')
      setNouveau('')
      setConfirmation('')
      setSucces('Mot de passe modifié. Vos autres appareils devront se reconnecter.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  return (
    <Section id="titre-mot-de-passe" titre="Mot de passe">
      <form onSubmit={envoyer} noValidate>
        <Champ libelle="Mot de passe actuel" type="password" autoComplete="current-password" value={actuel} onChange={(e) => setActuel(e.target.value)} erreur={refus.champs.actuel} required />
        <Champ
          libelle="Nouveau mot de passe"
          aide="Au moins 10 caractères, sans votre identifiant."
          type="password"
          autoComplete="new-password"
          value={nouveau}
          onChange={(e) => setNouveau(e.target.value)}
          erreur={refus.champs.nouveau}
          required
        />
        <Champ
          libelle="Confirmation du nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          erreur={refus.champs.confirmation}
          required
        />
        <Alerte message={refus.message} />
        <button type="submit" disabled={envoi}>
          Changer le mot de passe
        </button>
      </form>
      <Statut message={succes} />
    </Section>
  )
}
