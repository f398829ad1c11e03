import { existsSync } from 'node:fs';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { OPENPGP_LIGHTWEIGHT_DIR, openpgpLightweight } from './openpgp-lightweight.mjs';
import { folderWith } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

describe('openpgpLightweight', () => {
  it('points at the installed openpgp/lightweight ES module build', () => {
    expect(existsSync(`${OPENPGP_LIGHTWEIGHT_DIR}openpgp.mjs`)).toBe(true);
  });

  it("resolves 'openpgp' and 'openpgp/lightweight' to the lightweight build, and nothing else", async () => {
    folder = await folderWith({
      'main.mjs': "export { a } from 'openpgp';\nexport { b } from 'openpgp/lightweight';\nexport { c } from 'openpgp-extra';\n",
      'lightweight/openpgp.mjs': 'export const a = "light-a";\nexport const b = "light-b";\n',
    });
    const bundle = await rollup({ input: `${folder.dir}main.mjs`, external: ['openpgp-extra'], plugins: [openpgpLightweight({ dir: `${folder.dir}lightweight/` })] });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    expect(Object.keys(output[0].modules)).toContain(`${folder.dir}lightweight/openpgp.mjs`);
    expect(output[0].code).toContain('light-a');
    expect(output[0].code).toContain('light-b');
    expect(output[0].imports).toEqual(['openpgp-extra']);
  });
});
