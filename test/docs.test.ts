import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sources(): Array<{ file: string; text: string }> {
  const files = ['src', 'test', 'bench', 'scripts']
    .flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true }).map((f) => path.join(dir, String(f))))
    .filter((f) => /\.(ts|mjs|js|json)$/.test(f));
  return [...files, 'README.md', 'eslint.config.js'].map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));
}

test('code and README cite only documents of this repository', () => {
  for (const { file, text } of sources()) {
    if (file === path.join('test', 'docs.test.ts')) continue;
    assert.doesNotMatch(text, /\.\.\/shared|\bDECISIONS\b|\bDESIGN §|\bSTYLE\.md|(?<![\w/])api\/[A-Za-z]+\.md/, `${file} cites a document outside docs/`);
  }
});

test('every docs/ citation names a page, section and decision that exist', () => {
  const cited = /docs\/([\w/]+\.md)(?: (§[\d.]*\d|D\d+))?/g;
  for (const { file, text } of sources()) {
    for (const [, page, anchor] of text.matchAll(cited)) {
      const target = path.join(ROOT, 'docs', page!);
      assert.ok(existsSync(target), `${file} cites docs/${page}, which does not exist`);
      if (!anchor) continue;
      const doc = readFileSync(target, 'utf8');
      // §6.3 may name the third point of §6; a decision is a `## Dn.` heading.
      const heading = anchor.startsWith('D') ? `## ${anchor}. ` : `# ${anchor.split('.')[0]} `;
      const exact = anchor.startsWith('§') ? `# ${anchor} ` : heading;
      assert.ok(doc.includes(exact) || doc.includes(heading), `${file} cites docs/${page} ${anchor}, which it has no heading for`);
    }
  }
});
