import { css } from 'lit';

/**
 * What every screen shares: NL Design System tokens with sober fallbacks, visible focus, forms
 * with errors next to their fields, buttons and the error summary. Contrast of every pair here is
 * at least 4.5:1 (text) or 3:1 (borders, focus), WCAG 2.2 AA.
 */
export const shared = css`
  :host {
    --_wp-color: var(--basis-color-default-color-document, #1a1a1a);
    --_wp-muted: #4a4a4a;
    --_wp-background: var(--basis-color-default-bg-document, #fff);
    --_wp-subtle: #f3f4f6;
    --_wp-border: #6b6b6b;
    --_wp-accent: var(--utrecht-button-primary-action-background-color, #1c4a8c);
    --_wp-accent-text: var(--utrecht-button-primary-action-color, #fff);
    --_wp-error: var(--basis-color-negative-color-default, #b00020);
    --_wp-warning-bg: #fff4d6;
    --_wp-success: var(--basis-color-positive-color-default, #1b6b36);
    --_wp-focus: #1a1a1a;
    display: block;
    color: var(--_wp-color);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_wp-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px #ffd34d;
  }
  h1 {
    font-size: 1.75rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.35rem;
    margin: 2rem 0 0.75rem;
  }
  h3 {
    font-size: 1.1rem;
    margin: 1.25rem 0 0.5rem;
  }
  a {
    color: var(--_wp-accent);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  form,
  .form {
    display: grid;
    gap: 1rem;
    max-inline-size: 40rem;
    margin-block: 0.75rem 1.5rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label,
  legend {
    font-weight: 600;
  }
  fieldset {
    border: 1px solid var(--_wp-border);
    border-radius: 4px;
    padding: 0.75rem 1rem;
    margin: 0;
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.25rem;
  }
  .choice label {
    font-weight: normal;
  }
  input[type='text'],
  input[type='password'],
  input[type='number'],
  input[type='date'],
  input[type='time'],
  input[type='url'],
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_wp-background);
    border: 1px solid var(--_wp-border);
    border-radius: 4px;
    padding: 0.5rem 0.6rem;
    min-block-size: 2.75rem;
    max-inline-size: 100%;
  }
  input[type='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  textarea {
    min-block-size: 8rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border: 2px solid var(--_wp-error);
  }
  .error {
    color: var(--_wp-error);
    font-weight: 600;
    margin: 0;
  }
  .error::before {
    content: '⚠ ';
  }
  .hint {
    color: var(--_wp-muted);
    margin: 0;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: 4px;
    cursor: pointer;
    border: 2px solid var(--_wp-accent);
    background: var(--_wp-background);
    color: var(--_wp-accent);
  }
  button.primary {
    background: var(--_wp-accent);
    color: var(--_wp-accent-text);
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .summary {
    border: 3px solid var(--_wp-error);
    border-radius: 4px;
    padding: 0.75rem 1rem;
  }
  .summary h2,
  .summary h3 {
    margin-block: 0 0.5rem;
    font-size: 1.1rem;
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .summary button {
    border: none;
    padding: 0;
    min-block-size: auto;
    text-decoration: underline;
    color: var(--_wp-error);
    background: none;
    font-weight: 600;
    text-align: start;
  }
  .notice {
    border-inline-start: 6px solid var(--_wp-accent);
    background: var(--_wp-subtle);
    padding: 0.5rem 1rem;
    margin: 0.5rem 0;
  }
  .notice.bad {
    border-inline-start-color: var(--_wp-error);
    color: var(--_wp-color);
    font-weight: normal;
  }
  .ok {
    color: var(--_wp-success);
    font-weight: 600;
  }
  .bad {
    color: var(--_wp-error);
    font-weight: 600;
  }
  .list {
    padding-inline-start: 1.25rem;
  }
  .list li {
    margin-block: 0.4rem;
  }
`;
