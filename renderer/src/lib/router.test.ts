import { describe, expect, it } from 'vitest';
import { parseHash, paths } from './router';

describe('hash routes', () => {
  it('parses every screen', () => {
    expect(parseHash('').name).toBe('queue');
    expect(parseHash('#/queue').name).toBe('queue');
    expect(parseHash('#/persons?q=zs').query.get('q')).toBe('zs');
    expect(parseHash('#/cases/abc')).toMatchObject({ name: 'case', id: 'abc' });
    expect(parseHash('#/cases/abc/receipt')).toMatchObject({ name: 'receipt', id: 'abc' });
    expect(parseHash('#/cases/abc/notice')).toMatchObject({ name: 'notice', id: 'abc' });
    expect(parseHash('#/settings').name).toBe('settings');
    expect(parseHash('#/users').name).toBe('users');
    expect(parseHash('#token=xyz').name).toBe('queue');
  });

  it('builds what it parses', () => {
    const r = parseHash(paths.intake({ person: 'p1', item: 'ltc_application' }));
    expect(r.name).toBe('intake');
    expect(r.query.get('person')).toBe('p1');
    expect(r.query.get('item')).toBe('ltc_application');
    expect(parseHash(paths.receipt('c1'))).toMatchObject({ name: 'receipt', id: 'c1' });
  });
});
