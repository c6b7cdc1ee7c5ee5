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
    expect(parseHash('#/cases/abc/correct')).toMatchObject({ name: 'correct', id: 'abc' });
    expect(parseHash('#/cases/abc/assessment')).toMatchObject({ name: 'assessment', id: 'abc' });
    expect(parseHash('#/cases/abc/estimates/e1')).toMatchObject({ name: 'estimateSheet', id: 'abc', sub: 'e1' });
    expect(parseHash('#/cases/abc/estimates')).toMatchObject({ name: 'case', id: 'abc' });
    expect(parseHash('#/cases/abc/whatever')).toMatchObject({ name: 'case', id: 'abc' });
    expect(parseHash('#/sync').name).toBe('sync');
    expect(parseHash('#/policy').name).toBe('policy');
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
    expect(parseHash(paths.correct('c1'))).toMatchObject({ name: 'correct', id: 'c1' });
    expect(parseHash(paths.assessment('c1'))).toMatchObject({ name: 'assessment', id: 'c1' });
    expect(parseHash(paths.estimateSheet('c1', 'e9'))).toMatchObject({ name: 'estimateSheet', id: 'c1', sub: 'e9' });
    expect(parseHash(paths.sync()).name).toBe('sync');
    expect(parseHash(paths.bundles()).name).toBe('bundles');
    expect(parseHash(paths.policy()).name).toBe('policy');
  });
});
