import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../../../shared/identity';
import { collectorIdProblem, collectorOf, NO_COLLECTOR, openCollector, toCollector } from './collector';

const body = '37100219800304057';
const validId = body + residentIdCheckCharacter(body);
const badId = body + (validId.endsWith('0') ? '1' : '0');

describe('who collected the result (出件)', () => {
  it('sends nothing when the person collects it themselves', () => {
    expect(toCollector(NO_COLLECTOR)).toEqual({ collector: null, errors: {} });
  });

  it('needs a name; the ID number and the relationship are optional', () => {
    expect(toCollector({ ...NO_COLLECTOR, enabled: true }).errors).toEqual({ name: 'required' });
    expect(toCollector({ ...NO_COLLECTOR, enabled: true, name: ' 张建国 ' })).toEqual({ collector: { name: '张建国' }, errors: {} });
    expect(toCollector({ enabled: true, name: '张建国', idNumber: validId.toLowerCase(), relationship: 'child' }).collector).toEqual({ name: '张建国', idNumber: validId, relationship: 'child' });
  });

  it('refuses an ID number that does not check out, with the validator’s words', () => {
    const r = toCollector({ enabled: true, name: '张建国', idNumber: badId, relationship: '' });
    expect(r.collector).toBeNull();
    expect(r.errors.idNumber?.reason).toBe('check');
    expect(r.errors.idNumber?.message).toMatch(/校验/);
    expect(collectorIdProblem('')).toBeUndefined();
    expect(collectorIdProblem(validId)).toBeUndefined();
  });

  it('prefills from the case’s proxy when switched on, but never over what was typed', () => {
    const proxy = { name: '孙帮办', idNumber: validId, relationship: 'proxy_officer', authorisationReceived: true } as const;
    expect(openCollector(NO_COLLECTOR, proxy)).toEqual({ enabled: true, name: '孙帮办', idNumber: validId, relationship: 'proxy_officer' });
    expect(openCollector({ ...NO_COLLECTOR, name: '王' }, proxy)).toEqual({ ...NO_COLLECTOR, enabled: true, name: '王' });
    expect(openCollector(NO_COLLECTOR, null)).toEqual({ ...NO_COLLECTOR, enabled: true });
  });

  it('reads the collector back from the hand_out event', () => {
    expect(collectorOf({ collector: { name: '张建国', idNumber: validId, relationship: 'child' } })).toEqual({ name: '张建国', idNumber: validId, relationship: 'child' });
    expect(collectorOf({ collector: { name: '张建国' } })).toEqual({ name: '张建国' });
    expect(collectorOf({})).toBeNull();
    expect(collectorOf({ collector: 'x' })).toBeNull();
  });
});
