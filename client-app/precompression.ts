// Writes a Brotli (.br, highest quality) and a gzip (.gz, level 9) copy beside every text file of the build, which
// the host serves to browsers that accept them (host/Ent.Host/FichiersPrecompresses.cs): compressed once here, at a
// level too slow to use at every request.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const TEXTE = /\.(js|css|html|svg|json|webmanifest)$/
/** Below this, compression saves a few hundred bytes at most: the host compresses such files on the fly if asked. */
const SEUIL_OCTETS = 1024

const brotli = promisify(brotliCompress)
const gzipper = promisify(gzip)

const variantes = (contenu: Buffer) =>
  Promise.all([
    brotli(contenu, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: contenu.length,
      },
    }).then((octets) => ({ extension: '.br', octets })),
    gzipper(contenu, { level: 9 }).then((octets) => ({ extension: '.gz', octets })),
  ])

/** Vite plugin: after the build has written its folder, a .br and a .gz beside each text file above the threshold. */
export function precompression(): Plugin {
  let dossier = ''
  return {
    name: 'ent-precompression',
    apply: 'build',
    configResolved(config) {
      dossier = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const fichiers = (await readdir(dossier, { recursive: true })).filter((f) => TEXTE.test(f))
      await Promise.all(
        fichiers.map(async (fichier) => {
          const chemin = path.join(dossier, fichier)
          const contenu = await readFile(chemin)
          if (contenu.length < SEUIL_OCTETS) return
          for (const { extension, octets } of await variantes(contenu)) {
            if (octets.length < contenu.length) await writeFile(chemin + extension, octets)
          }
        }),
      )
    },
  }
}
