import { css } from 'lit';

export const styles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem 1.5rem;
    background: var(--_wp-accent);
    color: var(--_wp-accent-text);
  }
  header a,
  header .title {
    color: var(--_wp-accent-text);
  }
  .title {
    font-size: 1.2rem;
    font-weight: 700;
    margin: 0;
  }
  nav ul {
    display: flex;
    gap: 1.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a[aria-current='page'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
  header button {
    border-color: var(--_wp-accent-text);
    background: var(--_wp-accent);
    color: var(--_wp-accent-text);
  }
  header :focus-visible {
    outline-color: #fff;
    box-shadow: 0 0 0 5px #1a1a1a;
  }
  .tools {
    display: flex;
    gap: 0.75rem;
  }
  main {
    padding: 1.5rem;
    max-inline-size: 80rem;
  }
  main:focus {
    outline: none;
  }
`;
