import { css } from 'lit';

export const styles = css`
  .reminder {
    border: 2px solid var(--_wp-color);
    border-inline-start-width: 8px;
    background: var(--_wp-warning-bg);
    padding: 0.75rem 1rem;
    margin-block-end: 1.5rem;
  }
  .reminder h2 {
    margin: 0 0 0.5rem;
    font-size: 1.15rem;
  }
  .reminder ul {
    margin: 0 0 0.75rem;
    padding-inline-start: 1.25rem;
  }
  .reminder li {
    margin-block: 0.25rem;
  }
  .reminder p {
    margin: 0 0 0.5rem;
  }
`;
