import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { noFullOpenpgp } from './no-full-openpgp.mjs';
import { folderWith } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

async function build(openpgpPath) {
  folder = await folderWith({
    'main.mjs': `import { encrypt } from './node_modules/openpgp/dist/${openpgpPath}';\nexport const send = () => encrypt();\n`,
    [`node_modules/openpgp/dist/${openpgpPath}`]: 'export const encrypt = () => "ciphertext";\n',
  });
  const bundle = await rollup({ input: `${folder.dir}main.mjs`, plugins: [noFullOpenpgp()] });
  try {
    return await bundle.generate({ format: 'es' });
  } finally {
    await bundle.close();
  }
}

describe('noFullOpenpgp', () => {
  it('lets a bundle with the lightweight build through', async () => {
    const { output } = await build('lightweight/openpgp.mjs');
    expect(output[0].code).toContain('ciphertext');
  });

  it('fails a bundle that holds the full build, naming the chunk and the module', async () => {
    await expect(build('openpgp.mjs')).rejects.toThrow(/main\.js holds the full openpgp build \(.*openpgp\/dist\/openpgp\.mjs\); use openpgp\/lightweight\./);
  });
});
