// The full openpgp build is several times the lightweight one; a chunk that holds it would blow
// the widget's weight without anyone noticing in a browser test.

/** A module id inside openpgp's dist, but not its lightweight build. */
const FULL_OPENPGP = /openpgp[\\/]dist[\\/](?!lightweight)/;

/** Fails the build if the full openpgp build slipped into a chunk. */
export const noFullOpenpgp = () => ({
  name: 'no-full-openpgp',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const full = Object.keys(chunk.modules).filter((id) => FULL_OPENPGP.test(id));
      if (full.length) this.error(`${chunk.fileName} holds the full openpgp build (${full.join(', ')}); use openpgp/lightweight.`);
    }
  },
});
