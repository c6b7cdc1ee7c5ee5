import { expect, it } from 'vitest';
import { Gate } from './gate';

const tick = () => new Promise((r) => setImmediate(r));

it('admits at most its limit at once, the others in arrival order as places are left', async () => {
  const gate = new Gate(2);
  const order: number[] = [];
  const leaves: (() => void)[] = [];
  const entries = [1, 2, 3, 4, 5].map((n) =>
    gate.enter().then((leave) => {
      order.push(n);
      leaves.push(leave);
    }),
  );
  await tick();
  expect(order).toEqual([1, 2]);
  expect(gate.load).toEqual({ active: 2, waiting: 3 });
  leaves[1]!();
  leaves[1]!(); // leaving twice frees one place only
  await tick();
  expect(order).toEqual([1, 2, 3]);
  expect(gate.load).toEqual({ active: 2, waiting: 2 });
  leaves[0]!();
  leaves[2]!();
  await tick();
  expect(order).toEqual([1, 2, 3, 4, 5]);
  for (const leave of leaves) leave();
  await Promise.all(entries);
  expect(gate.load).toEqual({ active: 0, waiting: 0 });
});

it('admits everyone at once with a limit of 0', async () => {
  const gate = new Gate(0);
  const leaves = await Promise.all([1, 2, 3].map(() => gate.enter()));
  expect(gate.load).toEqual({ active: 3, waiting: 0 });
  for (const leave of leaves) leave();
  expect(gate.load).toEqual({ active: 0, waiting: 0 });
});
