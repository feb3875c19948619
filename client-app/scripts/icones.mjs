// Writes the web app manifest's PNG icons (public/icons/) from the favicon's drawing (public/favicon.svg): the white
// « E » on the blue square, rasterised here with Node's own zlib so that no image tool is needed. Run it again after
// changing the drawing: node scripts/icones.mjs
import { mkdir, writeFile } from 'node:fs/promises'
import { deflateSync } from 'node:zlib'

const BLEU = [0x00, 0x00, 0x91]
const BLANC = [0xff, 0xff, 0xff]

/** The favicon's « E » on its 32-unit grid: four rectangles [x0, y0, x1, y1]. */
const E = [
  [10, 8, 13.5, 24],
  [10, 8, 22, 11],
  [10, 14.5, 21, 17.5],
  [10, 21, 22, 24],
]

const dansE = (x, y) => E.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1)

/** Inside the square with corners rounded at `rayon` units (0: the full square, for a maskable icon). */
function dansCarre(x, y, rayon) {
  if (rayon === 0) return true
  const cx = Math.min(Math.max(x, rayon), 32 - rayon)
  const cy = Math.min(Math.max(y, rayon), 32 - rayon)
  return (x - cx) ** 2 + (y - cy) ** 2 <= rayon ** 2
}

/**
 * One RGBA image of `taille` pixels. Maskable: the blue fills the whole square (the platform cuts its own shape) and
 * the « E » is drawn smaller, well inside the 80 % safe zone.
 */
function dessiner(taille, masquable) {
  const echelle = 32 / taille
  const lignes = []
  for (let py = 0; py < taille; py++) {
    const ligne = Buffer.alloc(1 + taille * 4) // filter byte 0, then RGBA
    for (let px = 0; px < taille; px++) {
      // 4×4 samples per pixel: smooth edges.
      let bleu = 0
      let blanc = 0
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          let x = (px + (sx + 0.5) / 4) * echelle
          let y = (py + (sy + 0.5) / 4) * echelle
          if (!dansCarre(x, y, masquable ? 0 : 6)) continue
          if (masquable) {
            x = 16 + (x - 16) / 0.8
            y = 16 + (y - 16) / 0.8
          }
          if (dansE(x, y)) blanc++
          else bleu++
        }
      }
      const couverture = (bleu + blanc) / 16
      const o = 1 + px * 4
      for (let c = 0; c < 3; c++) {
        ligne[o + c] = bleu + blanc === 0 ? 0 : Math.round((BLEU[c] * bleu + BLANC[c] * blanc) / (bleu + blanc))
      }
      ligne[o + 3] = Math.round(couverture * 255)
    }
    lignes.push(ligne)
  }
  return png(taille, Buffer.concat(lignes))
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (octets) => {
  let c = 0xffffffff
  for (const o of octets) c = CRC[(c ^ o) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function bloc(type, donnees) {
  const longueur = Buffer.alloc(4)
  longueur.writeUInt32BE(donnees.length)
  const corps = Buffer.concat([Buffer.from(type, 'ascii'), donnees])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(corps))
  return Buffer.concat([longueur, corps, crc])
}

function png(taille, pixels) {
  const entete = Buffer.alloc(13)
  entete.writeUInt32BE(taille, 0)
  entete.writeUInt32BE(taille, 4)
  entete[8] = 8 // bits per channel
  entete[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    bloc('IHDR', entete),
    bloc('IDAT', deflateSync(pixels, { level: 9 })),
    bloc('IEND', Buffer.alloc(0)),
  ])
}

const dossier = new URL('../public/icons/', import.meta.url)
await mkdir(dossier, { recursive: true })
for (const [nom, taille, masquable] of [
  ['ent-192.png', 192, false],
  ['ent-512.png', 512, false],
  ['ent-masquable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  await writeFile(new URL(nom, dossier), dessiner(taille, masquable))
}
