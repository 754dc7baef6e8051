// The guest code around the final RIP, for failure reports: objdump when it is there, raw bytes when not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mode } from '../machine/layout.js';

const ARCH: Record<Mode, string> = { real: 'i8086', protected: 'i386', long: 'i386:x86-64' };

export function disassemble(image: Uint8Array, load: number, mode: Mode, rip: bigint): string {
  const at = Number(rip);
  if (at < load || at > load + image.length) return `rip 0x${at.toString(16)} is outside the guest image (0x${load.toString(16)}..0x${(load + image.length).toString(16)})`;
  const dir = mkdtempSync(join(tmpdir(), 'kvmctl-dis-'));
  try {
    const file = join(dir, 'guest.bin');
    writeFileSync(file, image);
    const r = spawnSync('objdump', ['-D', '-b', 'binary', '-m', ARCH[mode], `--adjust-vma=0x${load.toString(16)}`, `--stop-address=0x${(at + 24).toString(16)}`, file], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return rawBytes(image, load, at);
    const lines = r.stdout.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l));
    const i = lines.findIndex((l) => parseInt(l.trim(), 16) >= at);
    const around = lines.slice(Math.max(0, (i < 0 ? lines.length : i) - 6), (i < 0 ? lines.length : i) + 4);
    const shown = around.map((l) => (parseInt(l.trim(), 16) === at ? '=> ' : '   ') + l.trim());
    // After HLT the RIP points just past the last instruction.
    if (at === load + image.length) shown.push(`=> 0x${at.toString(16)}: (end of the image)`);
    return shown.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rawBytes(image: Uint8Array, load: number, at: number): string {
  const start = Math.max(load, at - 16);
  const bytes = Buffer.from(image.subarray(start - load, Math.min(image.length, at - load + 16)));
  return `(objdump not found) bytes at 0x${start.toString(16)}: ${bytes.toString('hex').replace(/(..)/g, '$1 ').trim()}`;
}
