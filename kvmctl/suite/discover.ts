// Finds unittests: the .S files under the folders given (default: ./unittests, else the bundled
// suite), or the files named. Names are file names without .S and must be unique. A unittests.cfg
// (kvm-unit-tests) among them gives one test per section, named kut-SECTION.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { parseHeader, testName } from '../harness/header.js';
import { kutSpec } from '../harness/kut-spec.js';
import { KUT_MAX_MEM, kutEntries } from '../kut/cfg.js';
import type { Spec } from '../harness/spec.js';
import { packageRoot } from '../util/package-root.js';
import { filterSpecs } from './select.js';


export function defaultSuiteDir(): string {
  const local = resolve('unittests');
  return existsSync(local) ? local : join(packageRoot(), 'unittests');
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'known-failures' && !entry.name.startsWith('.')) walk(path, out);
    } else if (/\.S$/.test(entry.name) || entry.name === KUT_CFG) out.push(path);
  }
}

/** Files for the given paths (folders are searched); an empty list means the default suite. */
export function findTestFiles(paths: string[]): string[] {
  const roots = paths.length ? paths : [defaultSuiteDir()];
  const files: string[] = [];
  for (const p of roots) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) walk(p, files);
    else files.push(p);
  }
  return files.map((f) => {
    const rel = relative(process.cwd(), f);
    return rel.startsWith('..') ? resolve(f) : rel;
  });
}

const KUT_CFG = 'unittests.cfg';
const isKutCfg = (file: string): boolean => basename(file) === KUT_CFG;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

/** The specs of one file: a unittest's header, or every section of a unittests.cfg. */
const specsOf = (file: string): Spec[] =>
  isKutCfg(file) ? kutEntries(file, read(file), KUT_MAX_MEM).map(kutSpec) : [parseHeader(file, read(file))];

/** Parses every file's header. The first malformed header stops everything (exit code 2). */
export function loadSpecs(files: string[]): Spec[] {
  const seen = new Map<string, string>();
  return files.flatMap(specsOf).map((spec) => {
    const where = spec.kut ? `${spec.file}:${spec.kut.line}` : `${spec.file}:1`;
    const other = seen.get(spec.name);
    if (other) throw new InputError(`${where}: test name '${spec.name}' is also used by ${other}`);
    seen.set(spec.name, spec.file);
    return spec;
  });
}

/** The test names in these files, without parsing headers (a unittests.cfg's sections are read). */
export const testNames = (files: string[]): string[] =>
  files.flatMap((f) => (isKutCfg(f) ? kutEntries(f, read(f), KUT_MAX_MEM).map((e) => kutSpec(e).name) : [testName(f)]));

/**
 * The tests `run` and `list` select: files and folders, name globs, and groups (a test must be in
 * each). A pattern meant as a path (a slash, or .S) that is not there, or a selection of nothing, is
 * an input error. `paths` are the patterns that exist.
 */
export function selectTests(patterns: string[], groups: string[]): { specs: Spec[]; paths: string[] } {
  const paths = patterns.filter((p) => existsSync(p));
  const globs = patterns.filter((p) => !existsSync(p));
  const missing = globs.find((p) => p.includes('/') || /\.S$/.test(p) || isKutCfg(p));
  if (missing) throw new InputError(`${missing}: no such file or folder`);
  // As kvm-unit-tests' runner: a nodefault entry runs only when groups are selected.
  const specs = filterSpecs(loadSpecs(findTestFiles(paths)), globs, groups)
    .map((s) => (s.kut?.nodefault && groups.length ? { ...s, kut: { ...s.kut, nodefault: false } } : s));
  if (specs.length === 0) throw new InputError(`no test matches ${[...patterns, ...groups.map((g) => `-g ${g}`)].join(' ') || 'the suite'}`);
  return { specs, paths };
}
