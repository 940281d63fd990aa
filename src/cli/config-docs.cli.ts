import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configTableMarkdown, withConfigTable } from '../config/config-docs';

/** `npm run docs:config`: rewrites README.md's configuration table from src/config/variables.ts. */
const readmePath = path.resolve(__dirname, '../../README.md');
writeFileSync(readmePath, withConfigTable(readFileSync(readmePath, 'utf8'), configTableMarkdown()));
process.stdout.write('README.md configuration table updated\n');
