import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { searchPersons, getPerson, findByIdNumber, registerPerson } from './persons';

/** persons.*: look-up and registration of the insured. */
export const personsHandlers = {
  'persons.search': (ctx, _s, input) => searchPersons(ctx, input.q, input.limit ?? 20),
  'persons.get': (ctx, s, input) => getPerson(ctx, me(s), input.id),
  'persons.findByIdNumber': (ctx, s, input) => findByIdNumber(ctx, me(s), input.idNumber),
  'persons.register': (ctx, s, input) => registerPerson(ctx, me(s), input),
} satisfies Partial<Handlers>;
