import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { minifyCode } from './minify-code.mjs';
import { folderWith } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

describe('minifyCode', () => {
  it('drops comments and whitespace, and the module still works', async () => {
    const source = [
      '/* A comment no browser needs. */',
      '// Nor this one.',
      'export function greeting(name) {',
      '  const   greetingText   =   "Goedemiddag";',
      '  return `${greetingText}, ${name}`;',
      '}',
      '',
    ].join('\n');
    folder = await folderWith({ 'main.mjs': source });
    const bundle = await rollup({ input: `${folder.dir}main.mjs` });
    const { output } = await bundle.generate({ format: 'es', plugins: [minifyCode()] });
    await bundle.close();
    const { code } = output[0];
    expect(code).not.toMatch(/comment|Nor this/);
    expect(code.length).toBeLessThan(source.length / 2);
    await writeFile(`${folder.dir}out.mjs`, code);
    const { greeting } = await import(pathToFileURL(`${folder.dir}out.mjs`).href);
    expect(greeting('Sam')).toBe('Goedemiddag, Sam');
  });
});
