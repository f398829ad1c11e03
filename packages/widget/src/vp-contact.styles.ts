import { css } from 'lit';

/**
 * Public hooks are --vp-contact-*; each falls back to an NL Design System token, then to a sober
 * default. Internal values are --_vp-contact-*, set once on :host.
 */
export const styles = css`
  :host {
    --_vp-contact-font-family: var(--vp-contact-font-family, var(--basis-text-font-family-default, system-ui, sans-serif));
    --_vp-contact-font-size: var(--vp-contact-font-size, var(--basis-text-font-size-md, 1rem));
    --_vp-contact-color: var(--vp-contact-color, var(--basis-color-default-color-document, #1a1a1a));
    --_vp-contact-background: var(--vp-contact-background, var(--basis-color-default-bg-document, #fff));
    --_vp-contact-accent: var(--vp-contact-accent, var(--utrecht-button-primary-action-background-color, #1c4a8c));
    --_vp-contact-accent-text: var(--vp-contact-accent-text, var(--utrecht-button-primary-action-color, #fff));
    --_vp-contact-border-color: var(--vp-contact-border-color, var(--basis-color-default-border-default, #6b6b6b));
    --_vp-contact-error-color: var(--vp-contact-error-color, var(--basis-color-negative-color-default, #b00020));
    --_vp-contact-success-color: var(--vp-contact-success-color, var(--basis-color-positive-color-default, #1b6b36));
    --_vp-contact-radius: var(--vp-contact-radius, var(--basis-border-radius-md, 4px));
    --_vp-contact-focus-color: var(--vp-contact-focus-color, var(--basis-focus-outline-color, var(--_vp-contact-accent)));
    --_vp-contact-space: 1rem;

    display: block;
    max-inline-size: var(--vp-contact-max-width, 44rem);
    font-family: var(--_vp-contact-font-family);
    font-size: var(--_vp-contact-font-size);
    line-height: 1.5;
    color: var(--_vp-contact-color);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .panel {
    background: var(--_vp-contact-background);
    border: 1px solid var(--_vp-contact-border-color);
    border-radius: var(--_vp-contact-radius);
    padding: var(--_vp-contact-space);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 1.25em 0 0.5em;
    /* Long Dutch words (vertrouwenspersoon) must not overflow at 320 px. */
    overflow-wrap: break-word;
    hyphens: auto;
  }
  h2 {
    font-size: 1.375em;
    margin: 0;
  }
  h3 {
    font-size: 1.2em;
  }
  h4 {
    font-size: 1.05em;
  }
  p {
    margin: 0.5em 0;
  }
  ul {
    margin: 0.5em 0;
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_vp-contact-accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .section {
    border-block-start: 1px solid var(--_vp-contact-border-color);
    margin-block-start: var(--_vp-contact-space);
  }
  .field {
    margin-block: var(--_vp-contact-space);
  }
  label,
  legend {
    font-weight: 600;
  }
  .marker {
    font-weight: 400;
  }
  .hint {
    margin: 0.125em 0 0.25em;
    font-size: 0.925em;
  }
  input[type='text'],
  input[type='tel'],
  input[type='email'],
  select,
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin-block-start: 0.25rem;
    padding: 0.5rem 0.625rem;
    font: inherit;
    color: inherit;
    background: var(--_vp-contact-background);
    border: 1px solid var(--_vp-contact-border-color);
    border-radius: var(--_vp-contact-radius);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_vp-contact-error-color);
    border-width: 2px;
  }
  fieldset.group {
    margin: var(--_vp-contact-space) 0;
    padding: 0.5rem var(--_vp-contact-space);
    border: 1px solid var(--_vp-contact-border-color);
    border-radius: var(--_vp-contact-radius);
    min-inline-size: 0;
  }
  legend {
    padding-inline: 0.25rem;
  }
  .check {
    display: grid;
    grid-template-columns: 1.5rem 1fr;
    gap: 0 0.5rem;
    align-items: start;
    margin-block: 0.5rem;
  }
  .check input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_vp-contact-accent);
  }
  .check label {
    font-weight: 400;
    padding-block-start: 0.05rem;
  }
  .check .hint,
  .check .error {
    grid-column: 2;
  }
  .terms label {
    font-weight: 600;
  }
  button {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_vp-contact-radius);
    border: 2px solid var(--_vp-contact-accent);
    cursor: pointer;
  }
  .send,
  .again,
  .show-button {
    color: var(--_vp-contact-accent-text);
    background: var(--_vp-contact-accent);
  }
  .hide-button {
    color: var(--_vp-contact-accent);
    background: var(--_vp-contact-background);
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.8;
  }
  :focus-visible,
  .title:focus,
  .error-summary:focus,
  .failure:focus,
  .sent:focus {
    outline: 3px solid var(--_vp-contact-focus-color);
    outline-offset: 2px;
  }
  .title:focus:not(:focus-visible) {
    outline: none;
  }
  .error {
    color: var(--_vp-contact-error-color);
    font-weight: 600;
    margin: 0.25em 0;
  }
  .error-summary,
  .failure,
  .sent,
  .config-error {
    border: 2px solid var(--_vp-contact-error-color);
    border-radius: var(--_vp-contact-radius);
    padding: 0.25rem var(--_vp-contact-space) 0.5rem;
    margin-block: var(--_vp-contact-space);
  }
  .error-summary h4,
  .failure h4 {
    margin-block-start: 0.5em;
    color: var(--_vp-contact-error-color);
  }
  .sent {
    border-color: var(--_vp-contact-success-color);
  }
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 1.25em;
    letter-spacing: 0.1em;
  }
  .config-problems {
    font-size: 0.925em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s ease-out;
    }
  }
  @media (forced-colors: active) {
    .send,
    .again,
    .show-button,
    .hide-button {
      border: 2px solid ButtonText;
    }
    :focus-visible,
    .error-summary:focus,
    .failure:focus,
    .sent:focus {
      outline-color: Highlight;
    }
    .error-summary,
    .failure,
    .sent,
    .config-error {
      border-color: CanvasText;
    }
  }
`;
