import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { accessFor, requirePersonInReach } from '../../access';
import { searchPersons, getPerson, findByIdNumber, registerPerson, updatePerson } from './persons';

/** persons.*: look-up and registration of the insured, within the user's reach (shared/access.ts). */
export const personsHandlers = {
  'persons.search': (ctx, s, input) => searchPersons(ctx, accessFor(s, 'persons.search'), input.q, input.limit ?? 20),
  'persons.get': (ctx, s, input) => {
    requirePersonInReach(ctx, accessFor(s, 'persons.get'), input.id, 'id');
    return getPerson(ctx, me(s), input.id);
  },
  'persons.findByIdNumber': (ctx, s, input) => findByIdNumber(ctx, me(s), input.idNumber),
  'persons.register': (ctx, s, input) => registerPerson(ctx, me(s), input),
  'persons.update': (ctx, s, input) => {
    requirePersonInReach(ctx, accessFor(s, 'persons.update'), input.id, 'id');
    return updatePerson(ctx, me(s), input);
  },
} satisfies Partial<Handlers>;
