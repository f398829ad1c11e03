// Child process of the crash test: keeps 32 add() calls in flight on the SQLite store at argv[2]
// and prints each id as soon as its add() resolves, until it is killed. Writes to a pipe are
// synchronous on Linux, so a printed id has left this process before the next line runs.
import { openSqliteStore } from '../sqlite.js';

const store = await openSqliteStore(process.argv[2]);
const padding = 'x'.repeat(2048);

async function submitForever(worker) {
  for (let i = 0; ; i++) {
    const { id } = await store.add('box', `worker ${worker} request ${i} ${padding}`);
    process.stdout.write(`${id}\n`);
  }
}

for (let worker = 0; worker < 32; worker++) {
  submitForever(worker).catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
