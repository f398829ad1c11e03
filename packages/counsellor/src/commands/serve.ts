import { spawn } from 'node:child_process';
import { WorkplaceError } from '../workplace/errors.js';
import { DEFAULT_WORKPLACE_PORT, startWorkplace } from '../workplace/server.js';
import { findWorkplaceSettings } from '../workplace/settings.js';
import { defineCommand } from './define-command.js';
import { UsageError } from './usage-error.js';
import { workplaceWords } from './workplace-words.js';

/** Opens the link in the default browser, without waiting for it. */
function openInBrowser(link: string): void {
  const [command, args]: [string, string[]] =
    process.platform === 'darwin' ? ['open', [link]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', link]] : ['xdg-open', [link]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

export const serve = defineCommand({
  name: 'serve',
  settings: 'workplace',
  options: {
    port: { type: 'string' },
    'idle-minutes': { type: 'string' },
    open: { type: 'boolean' },
  },
  async run({ values, settings: s, io }) {
    const w = workplaceWords[s.lang];
    const port = values.port === undefined ? DEFAULT_WORKPLACE_PORT : Number(values.port);
    if (values.port !== undefined && (!Number.isInteger(port) || port < 1024 || port > 65535)) throw new UsageError('badOption', [w.port]);
    const idleMinutes = values['idle-minutes'] === undefined ? undefined : Number(values['idle-minutes']);
    if (idleMinutes !== undefined && (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 480)) throw new UsageError('badOption', [w.idleMinutes]);
    const settings = await findWorkplaceSettings({ config: values.config, env: io.env });
    const running = await startWorkplace({ settings, port, idleMinutes }).catch((error: unknown) => {
      // The usual port is taken (another app, a second workplace): any free one will do.
      if (values.port !== undefined || !(error instanceof WorkplaceError && error.field === 'port')) throw error;
      io.stderr.write(`${w.portTaken(port)}\n`);
      return startWorkplace({ settings, port: 0, idleMinutes });
    });
    io.stdout.write(`${w.serveRunning(running.link)}\n`);
    if (values.open) openInBrowser(running.link);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await running.stop();
    io.stderr.write(`${w.serveStopped}\n`);
    return 0;
  },
});
