import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES } from './attributes.mjs';

describe('WIDGET_ATTRIBUTES', () => {
  it('holds exactly the attributes custom-elements.json gives <vp-contact>, so frame pages pass every one through', async () => {
    const manifest = JSON.parse(await readFile(new URL('../custom-elements.json', import.meta.url), 'utf8'));
    const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'vp-contact');
    expect([...ATTRIBUTE_NAMES].sort()).toEqual(element.attributes.map((attribute) => attribute.name).sort());
  });
});
