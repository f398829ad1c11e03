import { css } from 'lit';

export const styles = css`
  .list {
    padding-inline-start: 1.25rem;
  }
  .list li {
    margin-block: 0.4rem;
  }
  .bad {
    color: var(--_wp-error);
    font-weight: 600;
  }
  textarea {
    font-family: ui-monospace, monospace;
    font-size: 0.9rem;
    min-block-size: 8rem;
  }
`;
