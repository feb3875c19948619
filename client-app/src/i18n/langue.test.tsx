import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useTranslation } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import { ChoixLangue } from './ChoixLangue'
import { changerLangue, i18next, localeCourante } from './i18n'
import { langueMemorisee } from './langues'

function Exemple() {
  const { t } = useTranslation()
  return <p>{t('session.seConnecter')}</p>
}

afterEach(async () => {
  cleanup()
  await changerLangue('fr')
  localStorage.clear()
})

describe('the language picker', () => {
  it('names each language in itself and starts in French', () => {
    render(<ChoixLangue />)
    const choix = screen.getByRole('combobox', { name: 'Langue' }) as HTMLSelectElement
    expect(choix.value).toBe('fr')
    expect([...choix.options].map((o) => `${o.lang}:${o.text}`)).toEqual(['fr:Français', 'en:English', 'ar:العربية'])
    expect(document.documentElement.lang).toBe('fr')
    expect(document.documentElement.dir).toBe('ltr')
  })

  it('switches the page to Arabic, right to left, and remembers the choice on the device and for the server', async () => {
    render(
      <>
        <ChoixLangue />
        <Exemple />
      </>,
    )
    fireEvent.change(screen.getByRole('combobox', { name: 'Langue' }), { target: { value: 'ar' } })
    expect(await screen.findByText('تسجيل الدخول')).toBeTruthy()
    expect(screen.getByRole('combobox', { name: 'اللغة' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('ar')
    expect(document.documentElement.dir).toBe('rtl')
    expect(langueMemorisee()).toBe('ar')
    expect(document.cookie).toContain('ent_langue=ar')
    expect(localeCourante()).toBe('ar-u-nu-latn')
    // The route table's titles come with it (their own namespace, not loaded for French).
    expect(i18next.getResource('ar', 'pages', 'Notes')).toBe('النقاط')
  })

  it('switches to English with its own dates locale', async () => {
    render(<Exemple />)
    await changerLangue('en')
    expect(await screen.findByText('Sign in')).toBeTruthy()
    expect(document.documentElement.dir).toBe('ltr')
    expect(localeCourante()).toBe('en-GB')
  })
})
