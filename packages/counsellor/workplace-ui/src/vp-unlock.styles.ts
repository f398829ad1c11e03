import { css } from 'lit';

export const styles = css`
  :host {
    max-inline-size: 36rem;
  }
  .status {
    font-weight: 600;
  }
`;
