import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CASE_STATUSES } from '../../shared/cases/status';

/**
 * One status authority: `shared/cases/` answers every status question. An array of two or more case-status
 * literals typed anywhere else (production code of every layer) is a second, drifting copy of the machine.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const AREAS = ['core', 'db', 'shared', 'renderer/src', 'central', 'electron'];
const STATUSES = new Set<string>(CASE_STATUSES);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'testing') continue;
      out.push(...sourceFiles(p));
    } else if (/\.tsx?$/.test(e.name) && !/\.(test|e2e)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `file:line` of every array literal made only of case-status strings (two or more). */
export function inlineStatusLists(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node) && node.elements.length >= 2) {
      const all = node.elements.every((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && STATUSES.has(e.text));
      if (all) found.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('case statuses are listed in shared/cases only', () => {
  it('finds a list of status literals (the check works)', () => {
    expect(inlineStatusLists('x.ts', "const CLOSED = ['withdrawn', 'rejected', 'completed'];\nif (['draft', 'accepted'].includes(s)) {}")).toEqual(['x.ts:1', 'x.ts:2']);
    expect(inlineStatusLists('x.ts', "const OUTBOX = ['pending', 'applied', 'rejected']; const one = ['draft'];")).toEqual([]);
  });

  it('no module outside shared/cases/ types a status list', () => {
    const found: string[] = [];
    for (const area of AREAS) {
      for (const file of sourceFiles(path.join(ROOT, area))) {
        if (path.relative(ROOT, file).startsWith(`shared${path.sep}cases${path.sep}`)) continue;
        found.push(...inlineStatusLists(file, fs.readFileSync(file, 'utf8')));
      }
    }
    expect(found, 'ask shared/cases/status.ts instead (isTerminal, canAddAttachment, …)').toEqual([]);
  });
});
