import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES } from './attributes.mjs';

const read = (path) => readFile(new URL(path, import.meta.url), 'utf8');

describe('WIDGET_ATTRIBUTES', () => {
  it('holds every attribute custom-elements.json gives <vp-contact>, so frame pages and the configurator pass each one through', async () => {
    const manifest = JSON.parse(await read('../custom-elements.json'));
    const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'vp-contact');
    const names = element.attributes.map((attribute) => attribute.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !ATTRIBUTE_NAMES.includes(name))).toEqual([]);
  });

  it('holds only attributes the widget documents', async () => {
    const table = (await read('../README.md')).split('\n').filter((line) => line.startsWith('| `'));
    const documented = table.map((line) => /^\| `([a-z-]+)`/.exec(line)?.[1]);
    expect(ATTRIBUTE_NAMES.filter((name) => !documented.includes(name))).toEqual([]);
  });
});
