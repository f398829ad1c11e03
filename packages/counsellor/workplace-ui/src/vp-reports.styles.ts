import { css } from 'lit';

export const styles = css`
  .links {
    padding-inline-start: 1.25rem;
  }
  .links li {
    margin-block: 0.4rem;
  }
  .bad {
    color: var(--_wp-error);
    font-weight: 600;
  }
  textarea {
    min-block-size: 8rem;
    inline-size: 100%;
  }
`;
