// The standalone vp-contact.js loads its lazy chunks (the crypto chunk, the English texts) only
// after their SRI hash checks out (import-verified.ts). A hash exists only once its chunk is
// built and minified, so this plugin builds each lazy chunk itself, as a rollup build of its own,
// and then answers the widget's import of its loader module (./load-send.js, ./load-english.js)
// with one that holds the chunk's file name and hash. The chunks' files become files of this
// build's output. Nothing is shared with another build, and no build has to run before this one.
import { rollup } from 'rollup';
import { sri } from './sri.mjs';

/**
 * `chunks`: name -> { loader, exportName, build }, where `loader` is the module specifier the
 * widget imports (e.g. './load-send.js'), `exportName` the function it exports, and `build` the
 * rollup options of the chunk (input options with an `output`). `importVerified`: the module
 * that exports importVerified(url, integrity). `from`: only imports from modules under this
 * folder are replaced (the widget's sources).
 *
 * In the output, the lazy chunk's entry file is an asset named after it (e.g. 'crypto'), and
 * every other file of its build is an asset named `${name}-import` (e.g. openpgp's optional
 * parts): what size-report.mjs reads.
 */
export const verifiedLazyChunks = ({ chunks, importVerified, from }) => {
  const idOf = (name) => `\0vp-contact:lazy-${name}`;
  /** name -> promise of { fileName, integrity, files }; made anew by each build. */
  let built = new Map();
  return {
    name: 'verified-lazy-chunks',
    buildStart() {
      built = new Map(
        Object.entries(chunks).map(([name, { build }]) => [
          name,
          buildChunk(build).catch((error) => {
            throw new Error(`The lazy chunk '${name}' (${build.input}) failed to build: ${error.message}`, { cause: error });
          }),
        ]),
      );
      // A failed build is reported where it is awaited; this keeps Node from calling it unhandled meanwhile.
      for (const promise of built.values()) promise.catch(() => {});
    },
    resolveId(source, importer) {
      if (!importer?.startsWith(from)) return null;
      const name = Object.keys(chunks).find((candidate) => chunks[candidate].loader === source);
      return name ? idOf(name) : null;
    },
    async load(id) {
      const name = Object.keys(chunks).find((candidate) => idOf(candidate) === id);
      if (!name) return null;
      let fileName, integrity;
      try {
        ({ fileName, integrity } = await built.get(name));
      } catch (error) {
        this.error(error.message);
      }
      return [
        `import { importVerified } from ${JSON.stringify(importVerified)};`,
        `export const ${chunks[name].exportName} = () => importVerified(new URL(${JSON.stringify(`./${fileName}`)}, import.meta.url).href, ${JSON.stringify(integrity)});`,
      ].join('\n');
    },
    async buildEnd(error) {
      if (error) return;
      for (const [name, promise] of built) {
        const { fileName, files } = await promise.catch((failure) => this.error(failure.message));
        for (const file of files) {
          this.emitFile({ type: 'asset', fileName: file.fileName, name: file.fileName === fileName ? name : `${name}-import`, source: file.code });
        }
      }
    },
  };
};

/** Builds one lazy chunk in memory: its entry's file name and SRI hash, and every file it made. */
async function buildChunk({ output, ...input }) {
  const bundle = await rollup(input);
  try {
    const { output: files } = await bundle.generate(output);
    // Emitted chunks (openpgp's parts) count as entries too: the entry is the one built from the input.
    const entry = files.find((file) => file.type === 'chunk' && file.facadeModuleId === input.input);
    if (!entry) throw new Error(`No chunk was built from ${input.input}; a lazy chunk's input is one module's path.`);
    return {
      fileName: entry.fileName,
      integrity: sri(entry.code),
      files: files.map((file) => ({ fileName: file.fileName, code: file.type === 'chunk' ? file.code : file.source })),
    };
  } finally {
    await bundle.close();
  }
}
