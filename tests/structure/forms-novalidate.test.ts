import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every refusal at the window is in the app's own words (#12): no form lets the browser validate (its bubble speaks
 * the browser's language, English in an English browser), so every <form> of the UI says noValidate, and the
 * screens check min / max / required themselves, beside the field.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function tsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsxFiles(p));
    else if (e.name.endsWith('.tsx') && !e.name.includes('.test.')) out.push(p);
  }
  return out;
}

/** `file:line` of every <form> element without a noValidate attribute. */
export function formsWithoutNoValidate(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(sf) === 'form') {
      const has = node.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(sf) === 'noValidate');
      if (!has) found.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('forms validate in the app’s own words', () => {
  it('finds a form without noValidate (the check works)', () => {
    expect(formsWithoutNoValidate('x.tsx', 'const a = <form onSubmit={f}><input required /></form>;\nconst b = <form noValidate />;')).toEqual(['x.tsx:1']);
  });

  it('every <form> of the UI says noValidate', () => {
    const found = tsxFiles(path.join(ROOT, 'renderer/src')).flatMap((f) => formsWithoutNoValidate(f, fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
