// npm test repeats its failures at the end: each `not ok` point with its diagnostics, never a
// known failure's TODO point, never a passing one.
import t from 'tap';
import { failureRecap } from './failure-recap.js';

const suiteTap = [
  'TAP version 14',
  '1..4',
  'ok 1 - hlt',
  'not ok 2 - pit',
  '  ---',
  '  verdict: fail',
  '  details: |',
  '    memory 0x1000: expected 0x1, got 0x0',
  '  ...',
  'not ok 3 - msr # TODO known failure: final shutdown',
  '  ---',
  '  verdict: xfail',
  '  ...',
  'ok 4 - cpuid # SKIP no such leaf',
].join('\n');

const tapFile = [
  '# Subtest: dist/a.test.js',
  '    # Subtest: first',
  '        ok 1 - fine',
  '        not ok 2 - should be equal',
  '          ---',
  '          found: 1',
  '          wanted: 2',
  '          ...',
  '        1..2',
  '    not ok 1 - first # time=3ms',
  '    1..1',
  'not ok 1 - dist/a.test.js # time=9ms',
].join('\n');

t.test('a failing unittest comes back with its details; xfail, skip and pass do not', async (t) => {
  t.same(failureRecap(suiteTap), ['not ok 2 - pit', '  verdict: fail', '  details: |', '    memory 0x1000: expected 0x1, got 0x0']);
});

t.test('a failing tap file comes back with the assertion that failed, at every depth', async (t) => {
  t.same(failureRecap(tapFile), [
    'not ok 2 - should be equal',
    '  found: 1',
    '  wanted: 2',
    'not ok 1 - first # time=3ms',
    'not ok 1 - dist/a.test.js # time=9ms',
  ]);
});

t.test('a passing run has nothing to repeat; a long one is cut', async (t) => {
  t.same(failureRecap('ok 1 - a\nok 2 - b\n'), []);
  const many = Array.from({ length: 5 }, (_, i) => `not ok ${i + 1} - t${i}`).join('\n');
  t.same(failureRecap(many, 2), ['not ok 1 - t0', 'not ok 2 - t1', '(and 3 more failures in the output above)']);
  const long = ['not ok 1 - big', '  ---', ...Array.from({ length: 20 }, (_, i) => `  line ${i}`), '  ...'].join('\n');
  const cut = failureRecap(long);
  t.equal(cut.length, 13);
  t.equal(cut[12], '  (9 more lines in the output above)');
});
