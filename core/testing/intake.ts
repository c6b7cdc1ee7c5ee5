import type { Case } from '../../shared/cases/model';
import { materialsFor } from '../../shared/cases/materials';
import type { Session } from '../session';
import type { TestStation } from './fixtures';
import { sampleFormOn } from './seed';

/** A case taken in at the window in one step: the item's sample form (as on `day`) with every needed material received. */
export async function intakeSample(st: TestStation, session: Session, itemCode: string, personId: string, day = '2026-11-23'): Promise<Case> {
  const item = st.core.ctx.catalog.get(itemCode);
  if (!item) throw new Error(`intakeSample: no item ${itemCode}`);
  const form = sampleFormOn(item, day);
  const received = materialsFor(item, form, false)
    .filter((m) => m.needed)
    .map((m) => m.material.code);
  return (await st.call(session, 'cases.intake', { itemCode, personId, form, materialsReceived: received })).case;
}
