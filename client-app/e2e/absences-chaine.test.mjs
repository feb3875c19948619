// End-to-end, the issue's chain with the SMS gateway's stand-in (WireMock.Net, started by build.ps1): a teacher marks
// a pupil absent → the gateway receives one SMS to the guardian's number within 5 seconds, with the right text → the
// guardian logs in and justifies with a PDF → the CPE accepts → the absence shows justified and the guardian was told
// (in the application and by SMS).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, baseUrl, chargementsTermines, connecter, ouvrir } from './commun.mjs'
import { accepterJustificatif, commencerAutreCours, faireAppel, justifier, ouvrirAbsences, ouvrirAppel, ouvrirTableau } from './vie-scolaire.mjs'

const passerelle = process.env.ENT_SMS_URL
const TELEPHONE = { viewport: { width: 390, height: 844 }, options: { hasTouch: true, isMobile: true } }

/** The SMS the gateway received so far: { to, text, le } (WireMock's admin API). */
async function smsRecus() {
  const reponse = await fetch(`${passerelle}/__admin/requests`)
  const requetes = await reponse.json()
  return requetes
    .filter((r) => r.Request.Path === '/messages' && r.Request.Method === 'POST')
    .map((r) => ({ ...JSON.parse(r.Request.Body), le: r.Request.DateTime }))
}

/** Waits (polling) for what `trouver` returns, up to `delai` ms. */
async function attendre(trouver, delai, quoi) {
  const limite = Date.now() + delai
  for (;;) {
    const trouve = await trouver()
    if (trouve) return trouve
    assert.ok(Date.now() < limite, `${quoi} : rien après ${delai} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** « le 28/11 à 8h05 », the families' time (Paris), as the SMS writes it. */
function quand(iso) {
  const parties = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  return `le ${parties.day}/${parties.month} à ${Number(parties.hour)}h${parties.minute}`
}

/** A small, valid one-page PDF (what a phone's scanner application would produce, much smaller). */
function pdf() {
  const objets = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 52 >>\nstream\nBT /F1 18 Tf 72 760 Td (Certificat medical) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let corps = '%PDF-1.4\n'
  const positions = objets.map((o, i) => {
    const position = corps.length
    corps += `${i + 1} 0 obj\n${o}\nendobj\n`
    return position
  })
  const xref = corps.length
  corps += `xref\n0 ${objets.length + 1}\n0000000000 65535 f \n${positions.map((p) => `${String(p).padStart(10, '0')} 00000 n \n`).join('')}`
  corps += `trailer\n<< /Size ${objets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(corps, 'latin1')
}

test('roll call → SMS to the guardian within 5 s → justified with a PDF → the CPE accepts → justified, the guardian told', { skip: !passerelle && 'ENT_SMS_URL non défini (la passerelle SMS de test est lancée par build.ps1)' }, async (t) => {
  // A guardian with a child in 2NDE1, where prof.01 teaches French, and the guardian's mobile number.
  let famille, enfant, mobile
  for (let n = 2; n <= 40 && !enfant; n++) {
    const essai = await ouvrir(t, TELEPHONE.viewport, TELEPHONE.options)
    await connecter(essai.page, `parent.${String(n).padStart(3, '0')}`)
    const moi = (await appelerApi(essai.page, '/api/identite/me')).corps
    for (const e of moi.enfants) {
      if ((await appelerApi(essai.page, `/api/scolarite/eleves/${e.id}/notes`)).corps.classe === 'Seconde 1') {
        ;[famille, enfant, mobile] = [essai, e, moi.mobile]
        break
      }
    }
  }
  assert.ok(enfant && mobile, 'un responsable avec un mobile et un enfant en 2NDE1')
  const avant = (await smsRecus()).filter((s) => s.to === mobile).length

  // The teacher, on a phone: an « Autre cours » now, one tap on the pupil, « Valider l'appel ».
  const prof = await ouvrir(t, TELEPHONE.viewport, TELEPHONE.options)
  await connecter(prof.page, 'prof.01')
  await ouvrirAppel(prof.page)
  const cours = await commencerAutreCours(prof.page, 'Français — Seconde 1')
  await faireAppel(prof.page, { absents: [`${enfant.nom} ${enfant.prenom}`] })
  const valide = Date.now()

  // The gateway: one SMS to the guardian's number, within 5 seconds, naming the child, the lesson and the time.
  const sms = await attendre(async () => (await smsRecus()).filter((s) => s.to === mobile).slice(avant)[0], 5_000, "le SMS d'absence")
  const delai = Date.now() - valide
  assert.ok(delai <= 5_000, `SMS reçu en ${delai} ms`)
  // The link names the child and the absence itself (issue #13: links that land).
  const debutAttendu = `Absence de ${enfant.prenom} ${enfant.nom} en Français — Seconde 1 ${quand(cours.debut)}. Justifier : ${baseUrl}/absences?eleve=${enfant.id}&absence=`
  assert.equal(sms.text.slice(0, debutAttendu.length), debutAttendu)
  assert.match(sms.text.slice(debutAttendu.length), /^[0-9a-f-]{36}$/)
  await new Promise((r) => setTimeout(r, 1_000))
  assert.equal((await smsRecus()).filter((s) => s.to === mobile && s.text === sms.text).length, 1, 'un seul SMS')
  console.log(`# SMS d'absence reçu par la passerelle ${delai} ms après la validation de l'appel`)

  // The guardian follows the SMS's link and justifies with a PDF, in two steps.
  const lienSms = new URL(sms.text.split('Justifier : ')[1])
  await famille.page.goto(lienSms.pathname + lienSms.search)
  await ouvrirAbsences(famille.page, enfant.id)
  const absence = (await appelerApi(famille.page, `/api/viescolaire/eleves/${enfant.id}/absences`)).corps.absences.find(
    (a) => new Date(a.debut).getTime() === new Date(cours.debut).getTime(),
  )
  assert.equal(absence?.statut, 'non_justifiee')
  await justifier(famille.page, { motif: 'Maladie', commentaire: 'Fièvre, vu par le médecin.', fichier: { name: 'certificat.pdf', mimeType: 'application/pdf', buffer: pdf() } })
  const ligne = (page) => page.getByRole('listitem').filter({ has: page.locator(`time[datetime="${absence.debut}"]`) })
  await ligne(famille.page).getByText('Justificatif envoyé').waitFor()

  // The CPE accepts it from the review queue.
  const cpe = await ouvrir(t)
  await connecter(cpe.page, 'cpe')
  await ouvrirTableau(cpe.page)
  await accepterJustificatif(cpe.page, `${enfant.nom} ${enfant.prenom}`)

  // The family: the absence is justified, and the guardian was told, in the application and by SMS.
  await famille.page.reload()
  await chargementsTermines(famille.page)
  await ligne(famille.page).getByText(/^(✓ )?Justifiée$/).waitFor()
  const notification = await attendre(
    async () => (await appelerApi(famille.page, '/api/communication/me/notifications')).corps.notifications.find((n) => n.titre === 'Justificatif accepté'),
    10_000,
    'la notification « Justificatif accepté »',
  )
  assert.match(notification.texte, new RegExp(`accepté votre justificatif .* de ${enfant.prenom} ${enfant.nom}`))
  await attendre(async () => (await smsRecus()).some((s) => s.to === mobile && s.text.startsWith('La vie scolaire a accepté votre justificatif')), 10_000, "le SMS d'acceptation")
})
