// The tree's shape: the library's folders import one way (no cycle between folders), nothing in
// kvmctl/ imports the CLI or the dev tools, and the README's map of the tree matches the folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import t from 'tap';
import { ROOT } from '../dev/testdata/helpers.js';

/** The folder a source file belongs to, for the graph: engine's and the top level's parts apart. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'kvmctl') return parts[0] === 'dev' ? `dev/${parts[1]}` : parts[0];
  if (parts.length === 2) return 'kvmctl';
  return parts[1] === 'engine' ? `kvmctl/engine/${parts[2]}` : `kvmctl/${parts[1]}`;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) sources(rel, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const edges = new Map<string, Map<string, string>>(); // from folder -> to folder -> one file that shows it
for (const file of sources('kvmctl')) {
  for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = normalize(join(dirname(file), m[1]));
    const [a, b] = [folderOf(file), folderOf(target)];
    if (a === b || a === 'kvmctl' || b === 'kvmctl') continue; // the top-level files (errors, host, index) are shared
    if (!edges.has(a)) edges.set(a, new Map());
    edges.get(a)!.set(b, `${file} imports ${target}`);
  }
}

t.test('no folder imports bin/ or dev/', async (t) => {
  for (const [a, to] of edges) for (const [b, why] of to) t.notOk(b === 'bin' || b.startsWith('dev/'), `${a} -> ${b}: ${why}`);
});

t.test('no cycle between folders', async (t) => {
  const reaches = (from: string, goal: string, seen = new Set<string>()): boolean =>
    [...(edges.get(from)?.keys() ?? [])].some((n) => n === goal || (!seen.has(n) && (seen.add(n), reaches(n, goal, seen))));
  const cycles = [...edges].flatMap(([a, to]) => [...to].filter(([b]) => reaches(b, a)).map(([b, why]) => `${a} -> ${b} (${why})`));
  t.same(cycles, [], 'each edge of a cycle, with a file that makes it');
  t.ok(edges.size >= 8, `${edges.size} folders import others`);
});

t.test("the README's map names every folder, and only those", async (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library'), readme.indexOf('\n## ', readme.indexOf('\n## Library') + 1));
  const mapped = new Set([...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([^`]+?)\/?`/g)].map((x) => x[1])).filter((p) => !p.includes(' ')));
  const folders = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((n) => statSync(join(ROOT, dir, n)).isDirectory()).map((n) => `${dir}/${n}`);
  const actual = [...folders('kvmctl').flatMap((f) => (f === 'kvmctl/engine' ? folders(f) : [f])), ...folders('dev'), 'bin', ...folders('unittests')];
  for (const f of actual) t.ok(mapped.has(f), `${f} is in the map`);
  for (const f of mapped) t.ok(actual.includes(f), `${f} (in the map) is a folder`);
});
