import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { minifyTemplates } from './minify-templates.mjs';
import { folderWith } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

// Tags that keep what Lit's would get: the template's strings and its values.
const TAGS = 'const html = (strings, ...values) => ({ strings: [...strings], values });\nconst css = html;\n';

/** Builds `files['main.mjs']` with the plugin and imports the result. */
async function buildAndImport(files) {
  folder = await folderWith(files);
  const bundle = await rollup({ input: `${folder.dir}main.mjs`, plugins: [minifyTemplates()] });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    await writeFile(`${folder.dir}out.mjs`, output[0].code);
    return await import(pathToFileURL(`${folder.dir}out.mjs`).href);
  } finally {
    await bundle.close();
  }
}

describe('minifyTemplates', () => {
  it("squeezes an html`` template in any module, keeping Lit's bindings, the space between inline text and the text of a textarea", async () => {
    const { view } = await buildAndImport({
      'main.mjs': `export { view } from './any-name.mjs';\n`,
      'any-name.mjs': `${TAGS}export const view = (x) => html\`
        <div class="box"  @click=\${x.onClick}>
          <label for="name">
            \${x.label} <span class="marker">(optioneel)</span>
          </label>
          <input  .value=\${x.value}  ?disabled=\${x.disabled}  id="name" />
          <textarea>  blijft  </textarea>
        </div>\`;\n`,
    });
    const onClick = () => {};
    const template = view({ onClick, label: 'Naam', value: 'Sam', disabled: true });
    expect(template.strings).toEqual([
      '<div class="box" @click="',
      '"><label for="name">',
      ' <span class="marker">(optioneel)</span></label> <input .value="',
      '" ?disabled="',
      '" id="name"> <textarea>  blijft  </textarea></div>',
    ]);
    expect(template.values).toEqual([onClick, 'Naam', 'Sam', true]);
  });

  it('minifies a css`` template', async () => {
    const { styles } = await buildAndImport({
      'main.mjs': `${TAGS}export const styles = css\`
        :host {
          display: block;
          color: var(--vp-contact-color, #1a1a1a);
        }
        .box  >  label { font-weight: bold; }
      \`;\n`,
    });
    expect(styles.strings).toEqual([':host{color:var(--vp-contact-color,#1a1a1a);display:block}.box>label{font-weight:700}']);
  });

  it('leaves the modules of packages as published', async () => {
    const published = '\n  <p>  zoals gepubliceerd  </p>\n';
    const { other } = await buildAndImport({
      'main.mjs': "export { other } from './node_modules/lib/index.mjs';\n",
      'node_modules/lib/index.mjs': `const html = (strings) => strings[0];\nexport const other = html\`${published}\`;\n`,
    });
    expect(other).toBe(published);
  });

  it('fails the build on a template it cannot read, naming the module', async () => {
    await expect(buildAndImport({ 'main.mjs': `${TAGS}export const styles = css\`a { color: red; } }\`;\n` })).rejects.toThrow(/main\.mjs.*LightningCSS error/s);
  });
});
