import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.js';

describe('the screen named by the address', () => {
  it('knows the inbox, a case and the settings', () => {
    expect(parseRoute('#/inbox')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/cases/17')).toEqual({ screen: 'case', id: 17 });
    expect(parseRoute('#/settings')).toEqual({ screen: 'settings' });
  });

  it('falls back to the inbox for anything else, never to a case it cannot name', () => {
    expect(parseRoute('')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/cases/abc')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/cases/1/../2')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/cases/9999999999999')).toEqual({ screen: 'inbox' });
  });
});
