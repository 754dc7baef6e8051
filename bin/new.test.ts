// `kvmctl new` in every mode writes a test that parses and assembles, and `kvmctl exec` finds its
// `.include "testdev.inc"` as `kvmctl run` does. KVMCTL_DEVICE points nowhere, so a run ends at the
// device (3) once the input checks pass, on any host: an include error would be 2, and comes first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { MODES } from '../kvmctl/machine/layout.js';
import { checkTestInput } from '../kvmctl/harness/check-input.js';
import { parseHeader } from '../kvmctl/harness/header.js';
import { runCli, scratchDir } from '../dev/testdata/helpers.js';

const NO_DEVICE = { KVMCTL_DEVICE: join(scratchDir(), 'no-such-dir', 'kvm') };
const suite = scratchDir();
const dir = join(suite, 'x86');

for (const mode of MODES) {
  t.test(`new --mode ${mode}`, async (t) => {
    const name = `skeleton-${mode}`;
    const made = await runCli(['new', name, '--mode', mode, '--dir', dir]);
    t.equal(made.code, 0, made.stderr);
    const file = join(dir, `${name}.S`);
    const spec = parseHeader(file, readFileSync(file, 'utf8'));
    t.equal(spec.mode, mode);
    t.doesNotThrow(() => checkTestInput(spec), 'the input check of run passes');
    for (const command of [['run', file, '--known-failures', 'none'], ['exec', file, '--mode', mode]]) {
      const r = await runCli(command, NO_DEVICE);
      t.equal(r.code, 3, `${command[0]}: past the input check, to the missing device`);
      t.match(r.stderr, /no-such-dir\/kvm does not exist/, `${command[0]}: the device's error`);
      t.notMatch(r.stderr, /testdev\.inc/, `${command[0]}: no include error`);
    }
  });
}

t.test('exec searches the suite include folder above the file, as run does', async (t) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(suite, 'shared.inc'), '.macro finish\n\thlt\n.endm\n');
  const file = join(dir, 'uses-shared.S');
  writeFileSync(file, '/*\n * feature: a shared include\n */\n\t.include "shared.inc"\n\tfinish\n');
  for (const command of [['run', file, '--known-failures', 'none'], ['exec', file]]) {
    const r = await runCli(command, NO_DEVICE);
    t.equal(r.code, 3, `${command[0]}: past the input check, to the missing device`);
    t.match(r.stderr, /no-such-dir\/kvm does not exist/, `${command[0]}: the device's error`);
  }
});
