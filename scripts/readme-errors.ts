// Regenerates the README's error table from src/api/errors.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { withErrorTable } from '../src/api/error-table.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withErrorTable(readFileSync(path, 'utf8')));
