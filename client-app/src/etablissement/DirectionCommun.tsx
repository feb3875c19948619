import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'
import { Link } from 'react-router'
import type { ProfilEtablissement } from '../api/ent-client'

/** A direction page opened by someone who runs no établissement. */
export function HorsDirection({ titre }: { titre: string }) {
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

/** The établissement to work on, for someone who runs several (kept in the address). */
export function ChoixEtablissement({
  etablissements,
  uai,
  choisir,
}: {
  etablissements: ProfilEtablissement[]
  uai: string
  choisir: (uai: string) => void
}) {
  if (etablissements.length < 2) return null
  return (
    <div className="champ">
      <label htmlFor="etablissement-direction">Établissement</label>
      <select id="etablissement-direction" value={uai} onChange={(e) => choisir(e.target.value)}>
        {etablissements.map((e) => (
          <option key={e.uai} value={e.uai}>
            {e.etablissement}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A refusal's sentence, announced. */
export function Alerte({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="erreur">
      {message}
    </p>
  ) : null
}

/**
 * The result of an action, announced: the region stays in the page so that the text put in it is read. With
 * `focaliser` (the action's form has closed, taking the focus with it), the message gets the focus.
 */
export function Statut({ message, focaliser = false }: { message: string | null; focaliser?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (message && focaliser) ref.current?.focus()
  }, [message, focaliser])
  return (
    <p role="status" ref={ref} tabIndex={focaliser ? -1 : undefined} className={message ? 'succes' : undefined}>
      {message}
    </p>
  )
}

function Libelle({ id, libelle, aide, erreur, children }: { id: string; libelle: string; aide?: string; erreur?: string; children: ReactNode }) {
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {aide && (
        <p id={`${id}-aide`} className="aide">
          {aide}
        </p>
      )}
      {children}
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
    </div>
  )
}

const decrit = (id: string, aide?: string, erreur?: string) => [aide && `${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ') || undefined

/** A labelled input with its help and its error tied by aria-describedby. */
export function Champ({
  libelle,
  erreur,
  aide,
  ref,
  ...input
}: { libelle: string; erreur?: string; aide?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  return (
    <Libelle id={id} libelle={libelle} aide={aide} erreur={erreur}>
      <input ref={ref} id={id} aria-invalid={erreur ? true : undefined} aria-describedby={decrit(id, aide, erreur)} {...input} />
    </Libelle>
  )
}

/** A labelled select, as Champ. */
export function Choix({
  libelle,
  erreur,
  aide,
  children,
  ...select
}: { libelle: string; erreur?: string; aide?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId()
  return (
    <Libelle id={id} libelle={libelle} aide={aide} erreur={erreur}>
      <select id={id} aria-invalid={erreur ? true : undefined} aria-describedby={decrit(id, aide, erreur)} {...select}>
        {children}
      </select>
    </Libelle>
  )
}
