// A unittest's input, checked without KVM: its host file, its guest (assembly and includes) and
// where the guest lands in memory. `kvmctl run` checks every selected test this way before it
// reports that the host cannot run guests, so an input error (exit 2) always wins over a host
// error (exit 3). Nothing here loads the FFI.
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadGuest } from '../guest/build.js';
import { checkImage } from '../machine/machine.js';
import { packageRoot } from '../suite/discover.js';
import { hostModulePath } from './host-hooks.js';
import type { Spec } from './spec.js';

/** The test's guest, assembled (or from the cache). The suite's shared include (testdev.inc) sits beside the test's folder or in the package. */
export function buildTestGuest(spec: Spec): Uint8Array {
  const includeDirs = [dirname(dirname(resolve(spec.file))), join(packageRoot(), 'unittests')];
  return loadGuest(spec.file, { mode: spec.mode, load: spec.load, includeDirs });
}

/** Throws the InputError a run of this test would meet. */
export function checkTestInput(spec: Spec): void {
  hostModulePath(spec.file);
  const image = buildTestGuest(spec);
  try {
    checkImage({ mode: spec.mode, memSize: spec.memSize, load: spec.load, entry: spec.entry, image });
  } catch (e) {
    throw e instanceof InputError ? new InputError(`${spec.file}: ${e.message}`) : e;
  }
}
