import { css } from 'lit';

export const styles = css`
  .mailboxes {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    display: grid;
    gap: 0.25rem;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 1.5rem;
    align-items: end;
    max-inline-size: none;
  }
  /* The reference a caller reads out: a row of its own, above the other filters. */
  .filters .field:first-child {
    flex-basis: 100%;
    max-inline-size: 28rem;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: 0.5rem;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5rem;
    border-block-end: 1px solid var(--_wp-border);
  }
  thead th {
    background: var(--_wp-subtle);
  }
  .reference {
    font-family: ui-monospace, monospace;
    font-size: 1.1rem;
    font-weight: 700;
  }
  .urgent,
  .overdue {
    font-weight: 700;
    color: var(--_wp-error);
  }
  .almost-due {
    font-weight: 700;
    background: var(--_wp-warning-bg);
  }
  .toolbar {
    display: flex;
    gap: 1rem;
    align-items: center;
    flex-wrap: wrap;
  }
`;
