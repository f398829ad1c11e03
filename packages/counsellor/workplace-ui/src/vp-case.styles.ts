import { css } from 'lit';

export const styles = css`
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 2.25rem;
    letter-spacing: 0.05em;
  }
  .label {
    display: block;
    font-size: 1rem;
    font-weight: 600;
    color: var(--_wp-muted);
  }
  .reach {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 2rem;
    font-size: 1.35rem;
    font-weight: 600;
  }
  .conditions {
    font-size: 1.5rem;
    font-weight: 700;
    line-height: 1.35;
    border: 3px solid var(--_wp-color);
    border-radius: 4px;
    padding: 0.75rem 1rem;
    margin: 1rem 0;
  }
  .conditions ul {
    margin: 0;
    padding-inline-start: 1.5rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: 0.4rem 1.5rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .message {
    white-space: pre-wrap;
  }
  .entries {
    padding-inline-start: 1.25rem;
  }
  .entries li {
    margin-block: 0.5rem;
  }
  .entries .text {
    white-space: pre-wrap;
    margin: 0.25rem 0 0;
  }
  .meta {
    color: var(--_wp-muted);
  }
  .urgent {
    font-weight: 700;
    color: var(--_wp-error);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  section {
    border-block-start: 1px solid var(--_wp-border);
  }
`;
