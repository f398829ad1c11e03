// `node --import ./register-ts.mjs child.mjs`: lets a child process import the store's TypeScript
// sources directly (../sqlite.js resolves to ../sqlite.ts, transpiled on load with the repo's own
// typescript). Why not the alternatives: Node 20 cannot strip types, tsx is not a dependency, and
// importing dist/ would need a build of the whole package, which may not compile while other files
// of it are being written; this way the crash test runs exactly the source under test.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
