// The arrows point one way: the workplace uses the library, the library never the workplace, so
// the library (src/index.ts and all it imports) stays usable without the app and its native
// database module.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g), ...text.matchAll(/import\('(\.{1,2}\/[^']+)'\)/g)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file));
  }
  return seen;
}

it('nothing the library exports reaches src/workplace/', () => {
  const files = [...reachable(join(SRC, 'index.ts'))].map((f) => relative(SRC, f));
  expect(files).toContain('inbox.ts');
  expect(files.filter((f) => f.startsWith('workplace/') || f.startsWith('commands/'))).toEqual([]);
});

it('the workplace does reach the library (the check above sees imports)', () => {
  const files = [...reachable(join(SRC, 'workplace', 'app.ts'))].map((f) => relative(SRC, f));
  expect(files).toEqual(expect.arrayContaining(['relay-client.ts', 'pull.ts', 'workplace/session.ts']));
});
