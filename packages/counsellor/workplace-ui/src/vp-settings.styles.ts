import { css } from 'lit';

export const styles = css`
  /* A public key is pasted here: letters that are easy to tell apart. */
  textarea {
    font-family: ui-monospace, monospace;
    font-size: 0.9rem;
  }
`;
