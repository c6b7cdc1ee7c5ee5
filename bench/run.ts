import { SUITES } from './suites';
import { formatFigure, type Figure } from './harness';

/** `npm run bench` runs every suite; `npm run bench -- <name> [<name>…]` only those figures. */
async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const known = new Set(SUITES.flatMap((s) => s.figures));
  const unknown = asked.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}\nknown: ${[...known].join(', ')}`);
    process.exit(2);
  }
  const wanted = new Set(asked.length > 0 ? asked : known);
  for (const suite of SUITES) {
    if (!suite.figures.some((f) => wanted.has(f))) continue;
    await suite.run((f: Figure) => {
      if (wanted.has(f.name)) console.log(formatFigure(f));
    }, wanted);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
