import { css } from 'lit';

export const styles = css`
  textarea {
    inline-size: 100%;
  }
`;
