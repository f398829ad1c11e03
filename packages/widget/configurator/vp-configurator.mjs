// <vp-configurator>: fill in the provider's details once, get the embed code, the frame page (as
// downloads, and as the command) and the intranet's CSP lines, all checked (the relay included)
// before any code appears.
// Lit, like the widget; plain JavaScript, since it shares its checks with the vp-contact-frame command.
import { css, html, LitElement, nothing } from 'lit';
import { WIDGET_ATTRIBUTES } from '../frame/attributes.mjs';
import { checkAttribute, checkOrigin } from '../frame/frame-config.mjs';
import { checkRelay } from './check-relay.mjs';
import { downloadHref, embedCode, frameCommand, frameDownloads, iframeEmbedCode, intranetCsp } from './generate.mjs';
import { GROUP_OF, TEXTS } from './texts.mjs';

/** The settings that are not widget attributes: where things will be hosted. */
const HOSTING = ['scriptBase', 'frameUrl', 'frameAncestors'];
const CHECK_DELAY_MS = 400;
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';

function checkHosting(name, value) {
  const text = value.trim();
  if (name === 'scriptBase') {
    if (!/^(\/|https:\/\/)[^\s"'<>]*\/$/.test(text)) {
      return { error: { nl: 'Een map die met / of https:// begint en op / eindigt, bijvoorbeeld /vp-contact/.', en: 'A folder starting with / or https:// and ending in /, for example /vp-contact/.' } };
    }
    return { value: text };
  }
  if (name === 'frameUrl') {
    if (text === '') return { value: '' };
    try {
      const url = new URL(text);
      if (url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))) return { value: url.href };
    } catch {
      // fall through to the message
    }
    return { error: { nl: 'Het adres van de frame-pagina begint met https://.', en: 'The frame page address starts with https://.' } };
  }
  const origins = [];
  for (const origin of text.split(/[\s,]+/).filter(Boolean)) {
    const checked = checkOrigin(origin);
    if (checked.error) return checked;
    origins.push(checked.value);
  }
  return { value: origins };
}

export class VpConfigurator extends LitElement {
  static properties = {
    values: { state: true },
    touched: { state: true },
    check: { state: true },
    uiLang: { state: true },
  };

  static styles = css`
    :host { display: block; max-width: 60rem; font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.5; }
    fieldset { border: 1px solid #6b6b6b; border-radius: 4px; margin: 0 0 1.5rem; padding: 1rem; }
    legend { font-weight: 700; padding: 0 0.25rem; }
    .field { margin-bottom: 1rem; }
    label { display: block; font-weight: 600; }
    .hint { display: block; color: #4a4a4a; font-size: 0.9rem; }
    input, select, textarea { font: inherit; padding: 0.4rem; border: 1px solid #6b6b6b; border-radius: 4px; width: 100%; box-sizing: border-box; max-width: 40rem; }
    textarea { min-height: 6rem; }
    [aria-invalid='true'] { border: 2px solid #b00020; }
    .error { color: #b00020; font-weight: 600; margin: 0.25rem 0 0; }
    .ok { color: #1b6b36; font-weight: 600; }
    :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
    pre { background: #f3f3f3; border: 1px solid #6b6b6b; padding: 0.75rem; overflow-x: auto; white-space: pre; font-size: 0.85rem; }
    button { font: inherit; padding: 0.4rem 0.8rem; border: 2px solid #00589c; background: #fff; color: #00589c; border-radius: 4px; cursor: pointer; }
    .preview { border: 1px dashed #6b6b6b; padding: 1rem; }
  `;

  constructor() {
    super();
    this.values = { scriptBase: '/vp-contact/', frameUrl: '', frameAncestors: '' };
    this.touched = new Set();
    this.check = { state: 'idle' };
    this.uiLang = document.documentElement.lang === 'en' ? 'en' : 'nl';
    this.integrity = meta('vp-contact-integrity');
    this.hostIntegrity = meta('vp-contact-frame-host-integrity');
    // The frame kit this configurator was built with (rollup/configurator-page.mjs fills these in).
    this.frameIntegrity = { widget: this.integrity, height: meta('vp-contact-frame-height-integrity'), css: meta('vp-contact-frame-css-integrity') };
    this.frameFiles = meta('vp-contact-frame-files').split(' ').filter(Boolean);
    this.checkedKey = '';
    this.previewKey = '';
  }

  get t() {
    return TEXTS[this.uiLang];
  }

  /** Every field's checked value or error, the relay check's error at its field. */
  evaluate() {
    const errors = {};
    const attributes = {};
    for (const { name } of WIDGET_ATTRIBUTES) {
      const result = checkAttribute(name, this.values[name] ?? '');
      if (result.error) errors[name] = result.error;
      else if (result.value !== '') attributes[name] = result.value;
    }
    const hosting = {};
    for (const name of HOSTING) {
      const result = checkHosting(name, this.values[name] ?? '');
      if (result.error) errors[name] = result.error;
      else hosting[name] = result.value;
    }
    if (this.check.state === 'failed' && !errors[this.check.field]) errors[this.check.field] = this.check.error;
    return { errors, attributes, hosting };
  }

  onInput(name, event) {
    this.values = { ...this.values, [name]: event.target.value };
    this.touched = new Set(this.touched).add(name);
  }

  updated() {
    const { errors, attributes } = this.evaluate();
    const connection = ['relay', 'mailbox', 'fingerprints'];
    const key = JSON.stringify(connection.map((name) => attributes[name] ?? ''));
    const ready = connection.every((name) => attributes[name] && !(errors[name] && !(this.check.state === 'failed' && this.check.field === name)));
    if (key !== this.checkedKey) {
      this.checkedKey = key;
      clearTimeout(this.timer);
      this.abort?.abort();
      if (this.check.state !== 'idle') this.check = { state: 'idle' };
      if (ready) {
        this.timer = setTimeout(() => this.runCheck(attributes), CHECK_DELAY_MS);
      }
    }
    this.updatePreview();
  }

  async runCheck(attributes) {
    this.abort = new AbortController();
    const { signal } = this.abort;
    this.check = { state: 'checking' };
    try {
      const result = await checkRelay(attributes, { signal });
      if (signal.aborted) return;
      this.check = result.ok ? { state: 'ok', card: result.card } : { state: 'failed', field: result.field, error: result.error };
      if (!result.ok) this.touched = new Set(this.touched).add(result.field);
    } catch {
      if (!signal.aborted) this.check = { state: 'idle' };
    }
  }

  /** The code, when every field is right and the relay check passed; else null. */
  outputs() {
    const { errors, attributes, hosting } = this.evaluate();
    if (Object.keys(errors).length > 0 || this.check.state !== 'ok') return null;
    const framed = hosting.frameUrl && hosting.frameAncestors.length > 0;
    return {
      attributes,
      embed: embedCode({ attributes, scriptBase: hosting.scriptBase, integrity: this.integrity }),
      command: framed ? frameCommand({ attributes, frameAncestors: hosting.frameAncestors, frameUrl: hosting.frameUrl }) : null,
      files: framed ? frameDownloads({ attributes, frameAncestors: hosting.frameAncestors, integrity: this.frameIntegrity }) : null,
      iframe: framed
        ? iframeEmbedCode({ frameUrl: hosting.frameUrl, hostScriptUrl: `${hosting.scriptBase}vp-contact-frame-host.js`, hostIntegrity: this.hostIntegrity, lang: attributes.lang })
        : null,
      csp: intranetCsp({ attributes, scriptBase: hosting.scriptBase, frameUrl: framed ? hosting.frameUrl : undefined }),
    };
  }

  /** A working <vp-contact> with the current settings, made anew when they change. */
  updatePreview() {
    const container = this.renderRoot.querySelector('#preview');
    if (!container) return;
    const output = this.outputs();
    const key = output ? JSON.stringify(output.attributes) : '';
    if (key === this.previewKey) return;
    this.previewKey = key;
    container.replaceChildren();
    if (!output) return;
    const element = document.createElement('vp-contact');
    for (const [name, value] of Object.entries(output.attributes)) element.setAttribute(name, value);
    container.append(element);
  }

  switchLanguage() {
    this.uiLang = this.uiLang === 'nl' ? 'en' : 'nl';
    document.documentElement.lang = this.uiLang;
    document.title = this.t.title;
  }

  renderField(name, label, { required = false, hint = '', kind = 'line', options } = {}, errors) {
    const t = this.t;
    const error = this.touched.has(name) ? errors[name] : undefined;
    const describedBy = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean).join(' ') || nothing;
    const value = this.values[name] ?? '';
    const labelText = html`${label} <span>${required ? t.required : t.optional}</span>`;
    let control;
    if (kind === 'lang' || kind === 'choice') {
      const choices = kind === 'lang' ? Object.entries(t.langOptions) : Object.entries(options).map(([code, text]) => [code, text[this.uiLang]]);
      control = html`<select id=${name} aria-describedby=${describedBy} @change=${(event) => this.onInput(name, event)}>
        ${choices.map(([code, text]) => html`<option value=${code} ?selected=${value === code}>${text}</option>`)}
      </select>`;
    } else if (kind === 'key') {
      control = html`<textarea id=${name} spellcheck="false" aria-describedby=${describedBy} aria-invalid=${error ? 'true' : 'false'}
        .value=${value} @input=${(event) => this.onInput(name, event)}></textarea>`;
    } else {
      control = html`<input id=${name} type="text" spellcheck="false" autocomplete="off" aria-describedby=${describedBy}
        aria-invalid=${error ? 'true' : 'false'} ?required=${required} .value=${value}
        @input=${(event) => this.onInput(name, event)} @blur=${() => (this.touched = new Set(this.touched).add(name))} />`;
    }
    return html`<div class="field">
      <label for=${name}>${labelText}</label>
      ${hint ? html`<span class="hint" id=${`hint-${name}`}>${hint}</span>` : nothing}
      ${control}
      ${error ? html`<p class="error" id=${`error-${name}`}>${error[this.uiLang]}</p>` : nothing}
    </div>`;
  }

  render() {
    const t = this.t;
    const { errors } = this.evaluate();
    const groups = { connection: [], provider: [], terms: [], form: [], hosting: [] };
    for (const attribute of WIDGET_ATTRIBUTES) {
      const hint = attribute.name === 'fingerprints' ? t.fingerprintsHint : '';
      groups[GROUP_OF[attribute.name] ?? 'form'].push(
        this.renderField(attribute.name, attribute[this.uiLang], { required: attribute.required, hint, kind: attribute.kind, options: attribute.options }, errors),
      );
    }
    groups.hosting.push(
      this.renderField('scriptBase', t.scriptBase, { required: true, hint: t.scriptBaseHint }, errors),
      this.renderField('frameUrl', t.frameUrl, { hint: t.frameUrlHint }, errors),
      this.renderField('frameAncestors', t.frameAncestors, { hint: t.frameAncestorsHint }, errors),
    );
    const output = this.outputs();
    return html`
      <p><button type="button" lang=${this.uiLang === 'nl' ? 'en' : 'nl'} aria-label=${t.switchLanguageLabel} @click=${this.switchLanguage}>${t.switchLanguage}</button></p>
      <h1>${t.title}</h1>
      <p>${t.intro}</p>
      <form @submit=${(event) => event.preventDefault()} novalidate>
        ${Object.entries(groups).map(([group, fields]) => html`<fieldset><legend>${t.groups[group]}</legend>${fields}</fieldset>`)}
      </form>
      <div role="status" aria-live="polite" id="check">
        ${this.check.state === 'checking' ? html`<p>${t.checking}</p>` : nothing}
        ${this.check.state === 'ok' ? html`<p class="ok">${t.checked(this.check.card)}</p>` : nothing}
      </div>
      <h2>${t.outputs}</h2>
      ${output
        ? html`
            <section aria-labelledby="embed-title">
              <h3 id="embed-title">${t.embedTitle}</h3>
              <p>${t.embedHint}</p>
              <pre tabindex="0" id="embed-code" aria-labelledby="embed-title">${output.embed}</pre>
            </section>
            <section aria-labelledby="frame-title">
              <h3 id="frame-title">${t.frameTitle}</h3>
              ${output.command
                ? html`<p>${t.frameHint}</p>
                    <pre tabindex="0" id="frame-command" aria-labelledby="frame-title">${output.command}</pre>
                    <pre tabindex="0" id="frame-iframe" aria-labelledby="frame-title">${output.iframe}</pre>
                    <h4 id="frame-files-title">${t.frameFilesTitle}</h4>
                    <p>${t.frameFilesHint}</p>
                    <ul id="frame-downloads" aria-labelledby="frame-files-title">
                      ${Object.entries(output.files).map(
                        ([name, text]) => html`<li>
                          <a id=${`download-${name.replace(/[^a-z]/g, '')}`} download=${name} href=${downloadHref(text, name.endsWith('.html') ? 'text/html' : 'text/plain')}
                            >${t.download(name)}</a
                          >: ${t.downloadWhat[name]}
                        </li>`,
                      )}
                    </ul>
                    <p id="frame-copy">${t.frameCopy(this.frameFiles)}</p>`
                : html`<p>${t.frameMissing}</p>`}
            </section>
            <section aria-labelledby="csp-title">
              <h3 id="csp-title">${t.cspTitle}</h3>
              <p>${t.cspElement}</p>
              <pre tabindex="0" id="csp-element" aria-labelledby="csp-title">${output.csp.element}</pre>
              ${output.csp.frame
                ? html`<p>${t.cspFrame}</p>
                    <pre tabindex="0" id="csp-frame" aria-labelledby="csp-title">${output.csp.frame}</pre>`
                : nothing}
            </section>
          `
        : html`<p id="no-code">${t.noCodeYet}</p>`}
      <h2>${t.previewTitle}</h2>
      <p>${t.previewHint}</p>
      <div class="preview" id="preview"></div>
    `;
  }
}

customElements.define('vp-configurator', VpConfigurator);
