import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react'

/** A labelled input with its error next to it, tied by aria-describedby. */
export function Champ({
  libelle,
  erreur,
  aide,
  ref,
  ...input
}: { libelle: string; erreur?: string; aide?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  const decrit = [aide && `${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ')
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {aide && (
        <p id={`${id}-aide`} className="aide">
          {aide}
        </p>
      )}
      <input ref={ref} id={id} aria-invalid={erreur ? true : undefined} aria-describedby={decrit || undefined} {...input} />
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
    </div>
  )
}

export function Section({ id, titre, children }: { id: string; titre: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="carte section-compte">
      <h2 id={id}>{titre}</h2>
      {children}
    </section>
  )
}

export function Alerte({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="erreur">
      {message}
    </p>
  ) : null
}

/** The success region stays in the page so that screen readers announce the text put in it. */
export function Statut({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'succes' : undefined}>
      {message}
    </p>
  )
}

const formatDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' })

export function Horodatage({ le }: { le: string }) {
  return <time dateTime={le}>{formatDate.format(new Date(le))}</time>
}
