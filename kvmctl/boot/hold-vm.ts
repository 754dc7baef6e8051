// Builds hold-vm (hold-vm.s) with GNU as and ld, once, into kvmctl's cache folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError } from '../errors.js';
import { cacheDir } from '../harness/guest-build.js';

/** The source ships beside the compiled module's source folder (kvmctl/boot/hold-vm.s). */
const source = fileURLToPath(new URL('../../../kvmctl/boot/hold-vm.s', import.meta.url));

export function holdVmBinary(): Buffer {
  const text = readFileSync(source);
  const dir = resolve(cacheDir());
  const out = join(dir, `hold-vm-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
  if (existsSync(out)) return readFileSync(out);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const work = mkdtempSync(join(dir, 'tmp-hold-'));
  try {
    execFileSync('as', ['--64', '-o', join(work, 'hold.o'), source], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ld', ['-static', '-nostdlib', '-o', join(work, 'hold'), join(work, 'hold.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(join(work, 'hold'), out);
    return readFileSync(out);
  } catch (e) {
    throw new HostError(`cannot build hold-vm with as and ld (install GNU binutils): ${(e as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
