import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configTableMarkdown, withConfigTable } from '../../../src/config/config-docs';

describe('README configuration table', () => {
  it('when a variable is added or changed, then README.md must be regenerated (npm run docs:config)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    expect(withConfigTable(readme, configTableMarkdown())).toBe(readme);
  });
});
