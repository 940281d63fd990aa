import path from 'node:path';
import { readConfigFiles } from './load-config';
import { variables, type VariableName } from './variables';

const defaultConfigDir = path.resolve(__dirname, '../../config');

function cell(value: unknown): string {
  if (value === undefined || value === '') return '—';
  return `\`${String(value)}\``.replace(/\|/g, '\\|');
}

/** The README's configuration table, generated from the variables' own descriptions. */
export function configTableMarkdown(configDir = defaultConfigDir): string {
  const dev = readConfigFiles(configDir, 'development');
  const prod = readConfigFiles(configDir, 'production');
  const rows = (Object.keys(variables) as VariableName[]).map((name) => {
    const v = variables[name];
    const prodDefault = prod[name] !== dev[name] ? ` (production: ${cell(prod[name])})` : '';
    return `| \`${name}\` | ${cell(dev[name])}${prodDefault} | ${v.description.replace(/\|/g, '\\|')} | ${cell(v.example)} |`;
  });
  return ['| Variable | Default | Meaning | Example |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

export const configTableMarkers = {
  start: '<!-- config-table:start -->',
  end: '<!-- config-table:end -->',
};

/** Replaces the table between the markers in a README's text. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(configTableMarkers.start);
  const end = readme.indexOf(configTableMarkers.end);
  if (start < 0 || end < start) throw new Error('README.md lacks the config-table markers');
  return `${readme.slice(0, start + configTableMarkers.start.length)}\n${table}\n${readme.slice(end)}`;
}
