import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.js';

describe('the reports screen in the address', () => {
  it('is #/reports', () => {
    expect(parseRoute('#/reports')).toEqual({ screen: 'reports' });
    expect(parseRoute('#/reports/1')).toEqual({ screen: 'inbox' });
  });
});
