import { describe, expect, it } from 'vitest'
import { ApiException } from '../api/ent-client'
import { bornesAnnee, erreursImport, libelleSemaine, libelleValidite, nomJour, parJour, semainesDeclarees } from './emploiDuTemps'

const creneau = (jour: number, debut: string, division = '2NDE1') => ({ jour, debut, fin: debut, division })

describe('parJour', () => {
  it('groups the slots by weekday, Monday first, each day by start then class, without empty days', () => {
    const jours = parJour([creneau(3, '10:00'), creneau(1, '09:00', 'TG1'), creneau(1, '09:00', '1G1'), creneau(1, '08:00'), creneau(6, '08:00')])

    expect(jours.map((j) => j.jour)).toEqual([1, 3, 6])
    expect(jours[0].creneaux.map((c) => `${c.debut} ${c.division}`)).toEqual(['08:00 2NDE1', '09:00 1G1', '09:00 TG1'])
  })
})

describe('the words of the week', () => {
  it('names days and week kinds in French', () => {
    expect([nomJour(1), nomJour(6)]).toEqual(['Lundi', 'Samedi'])
    expect([libelleSemaine(null), libelleSemaine('A')]).toEqual(['toutes les semaines', 'semaine A'])
  })

  it('says a validity only when it is not the whole school year', () => {
    const annee = bornesAnnee('2026-2027')
    expect(annee).toEqual({ debut: '2026-09-01', fin: '2027-08-31' })
    expect(libelleValidite('2026-09-01', '2027-08-31', annee)).toBeNull()
    expect(libelleValidite('2027-02-01', '2027-08-31', annee)).toBe('du 01/02/2027 au 31/08/2027')
  })
})

describe('semainesDeclarees', () => {
  it('sends the weeks stated A or B only', () => {
    expect(
      semainesDeclarees([
        { lundi: '2026-08-31', choix: '' },
        { lundi: '2026-11-02', choix: 'A' },
        { lundi: '2027-01-04', choix: 'B' },
      ]),
    ).toEqual([
      { lundi: '2026-11-02', semaine: 'A' },
      { lundi: '2027-01-04', semaine: 'B' },
    ])
  })
})

describe('erreursImport', () => {
  const probleme = { status: 400, title: 'Les données envoyées ne sont pas valides', errors: { fichier: ['Ligne 3 : …', 'Ligne 12 : …'] } }

  it('lists the file errors, line by line, from the problem the client threw or from its raw answer', () => {
    expect(erreursImport(probleme)).toEqual(['Ligne 3 : …', 'Ligne 12 : …'])
    expect(erreursImport(new ApiException('refus', 400, JSON.stringify(probleme), {}, null))).toEqual(['Ligne 3 : …', 'Ligne 12 : …'])
  })

  it('gives nothing for another failure, so that its message is shown instead', () => {
    expect(erreursImport(new TypeError('Failed to fetch'))).toBeNull()
    expect(erreursImport({ status: 413, detail: 'Le fichier dépasse 1024 Ko' })).toBeNull()
    expect(erreursImport(new ApiException('refus', 500, 'pas du JSON', {}, null))).toBeNull()
  })
})
