#!/usr/bin/env node
// vp-contact-frame: writes an employer's frame page (the configuration written into it), its
// scripts and the headers its host must send. Exit 0 written, 1 failed, 2 usage.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WIDGET_ATTRIBUTES } from '../frame/attributes.mjs';
import { checkFrameConfig } from '../frame/frame-config.mjs';
import { FrameOutputError, writeFrame } from '../frame/write-frame.mjs';

const KIT = fileURLToPath(new URL('../dist/frame/', import.meta.url));

const USAGE = `Usage: vp-contact-frame --relay URL --mailbox ID --fingerprints FPR --frame-ancestors ORIGIN... --out DIR
                        [--frame-url URL] [--${WIDGET_ATTRIBUTES.filter((a) => !a.required && a.kind !== 'key').map((a) => `${a.name} VALUE`).join('] [--')}]
                        [--public-key-file FILE]

Writes into DIR (new or empty): index.html with the settings written into it, the widget's scripts,
and _headers, nginx.conf and apache.conf with the headers the frame's host must send.
--frame-ancestors: each intranet origin that may show the frame (repeat it, or separate with spaces).
--frame-url: where DIR will be served; then embed.html holds the code for the intranet page.`;

const options = {
  'frame-ancestors': { type: 'string', multiple: true },
  out: { type: 'string' },
  'frame-url': { type: 'string' },
  'public-key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
for (const attribute of WIDGET_ATTRIBUTES) if (attribute.kind !== 'key') options[attribute.name] = { type: 'string' };

function usage(message) {
  console.error(`vp-contact-frame: ${message} (vp-contact-frame --help lists the options)`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options, allowPositionals: false, strict: true }));
} catch (error) {
  usage(error.message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const required of ['relay', 'mailbox', 'fingerprints', 'frame-ancestors', 'out']) {
  if (values[required] === undefined) usage(`--${required} is required.`);
}

const attributes = {};
for (const attribute of WIDGET_ATTRIBUTES) if (values[attribute.name] !== undefined) attributes[attribute.name] = values[attribute.name];
if (values['public-key-file'] !== undefined) {
  try {
    attributes['public-key'] = await readFile(values['public-key-file'], 'utf8');
  } catch (error) {
    console.error(`vp-contact-frame: cannot read --public-key-file ${values['public-key-file']}: ${error.code ?? error.message}.`);
    process.exit(1);
  }
}
const frameAncestors = values['frame-ancestors'].flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);
const checked = checkFrameConfig({ attributes, frameAncestors });
if (checked.errors) {
  const [name, error] = Object.entries(checked.errors)[0];
  usage(`--${name === 'public-key' ? 'public-key-file' : name}: ${error.en}`);
}
let frameUrl;
if (values['frame-url'] !== undefined) {
  try {
    frameUrl = new URL(values['frame-url']);
    if (frameUrl.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(frameUrl.hostname)) throw new Error('not https');
  } catch {
    usage('--frame-url must be the https:// address where the frame page will be served.');
  }
}

try {
  const written = await writeFrame({ kitDir: KIT, outDir: values.out, config: checked, frameUrl: frameUrl?.href });
  console.log(`Frame page written to ${values.out} (${written.length} files). Serve it on its own origin with the headers in _headers, nginx.conf or apache.conf.`);
} catch (error) {
  console.error(`vp-contact-frame: ${error instanceof FrameOutputError ? error.message : `writing ${values.out} failed: ${error.code ?? error.message}.`}`);
  process.exit(1);
}
