export function PageIntrouvable() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>Cette page n'existe pas ou n'est pas encore disponible.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
