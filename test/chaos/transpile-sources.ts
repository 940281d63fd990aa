import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Transpiles `src/` once into `outDir/src` (TypeScript's transpileModule: no type check, the
 * project's own compiler options), beside links to `templates/` and `config/` that the code
 * finds relative to itself. Each process then starts as plain node, as in production: through
 * tsx's loader a worker restart costs half as much CPU again, which on a busy machine leaves the
 * chaos run's workers starting more than working.
 */
export function transpileSources(root: string, outDir: string): number {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: false };
  let files = 0;
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
    });
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    files++;
  }
  for (const dir of ['templates', 'config'])
    symlinkSync(path.join(root, dir), path.join(outDir, dir));
  return files;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}
