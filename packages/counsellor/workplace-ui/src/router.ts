/**
 * The screens, by the part of the address after '#': the server serves the page only at '/', so
 * the screen lives in the hash (#/inbox, #/cases/17, #/settings) and the browser's back button works.
 */
export type Route = { screen: 'inbox' } | { screen: 'case'; id: number } | { screen: 'settings' } | { screen: 'reports' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const caseMatch = /^cases\/(\d{1,12})$/.exec(path);
  if (caseMatch) return { screen: 'case', id: Number(caseMatch[1]) };
  if (path === 'settings') return { screen: 'settings' };
  if (path === 'reports') return { screen: 'reports' };
  return { screen: 'inbox' };
}

