// The skeleton of `kvmctl new` shows every header key and every expectation, each example parses once
// uncommented, and the skeleton itself parses and assembles in every mode.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { MODES } from '../machine/layout.js';
import { scratchDir } from '../../dev/testdata/helpers.js';
import { checkTestInput } from './check-input.js';
import { EXPECT_KINDS, HEADER_KEYS, parseHeader } from './header.js';
import { skeleton } from './skeleton.js';

const FILE = 'unittests/x86/skeleton.S';
const text = skeleton('long');
const lines = text.slice(0, text.indexOf('*/')).split('\n');
/** Header lines as ` * key: value` (active) or ` * # key: value` (an example, uncommented by deleting "# "). */
const active = lines.filter((l) => /^ \* [a-z][a-z0-9-]*:/.test(l));
const examples = lines.filter((l) => /^ \* # [a-z][a-z0-9-]*:/.test(l));
const keyOf = (l: string) => /^ \* (?:# )?([a-z][a-z0-9-]*):/.exec(l)![1];
const expectKindOf = (l: string) => /expect:\s+(\S+)/.exec(l)?.[1];

t.test('the skeleton shows every key the parser accepts, and no other', async (t) => {
  t.same([...new Set([...active, ...examples].map(keyOf))].sort(), Object.keys(HEADER_KEYS).sort());
  const kinds = [...active, ...examples].filter((l) => keyOf(l) === 'expect').map(expectKindOf);
  t.same([...new Set(kinds)].sort(), [...EXPECT_KINDS].sort(), 'and every kind of expectation');
});

t.test('every example parses once uncommented', async (t) => {
  t.ok(examples.length >= 20, `${examples.length} examples`);
  for (const example of examples) {
    // Alone with the feature line: some are alternatives to others (expect: status to expect: final).
    const one = ['/*', ' * feature: one example', example.replace(' * # ', ' * '), ' */', '\thlt', ''].join('\n');
    t.doesNotThrow(() => parseHeader(FILE, one), example.slice(5));
  }
  // All at once in the skeleton, but for the alternatives its note names.
  const alternatives = ['status', 'console-includes'];
  const all = text.split('\n').map((l) => (examples.includes(l) && !alternatives.includes(expectKindOf(l)!) ? l.replace(' * # ', ' * ') : l)).join('\n');
  const spec = parseHeader(FILE, all);
  t.equal(spec.actions.length, examples.filter((l) => keyOf(l) === 'on').length, 'every on: example is an action');
});

t.test('the skeleton parses and assembles as written, in every mode', async (t) => {
  const dir = join(scratchDir(), 'x86');
  mkdirSync(dir);
  for (const mode of MODES) {
    const file = join(dir, `skeleton-${mode}.S`);
    writeFileSync(file, skeleton(mode));
    const spec = parseHeader(file, skeleton(mode));
    t.equal(spec.mode, mode, `mode: ${mode}`);
    t.doesNotThrow(() => checkTestInput(spec), `${mode}: the guest assembles, testdev.inc included`);
  }
});
