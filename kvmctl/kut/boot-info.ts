// The multiboot information block a loader leaves for the kernel (EBX points at it): the RAM sizes,
// the command line, and one module holding the environment text that kvm-unit-tests reads first
// (NR_CPUS, MEMSIZE, ...). It goes on the first page past the image, as QEMU's loader puts it.
import type { GuestMemory } from '../engine/kvm/memory.js';
import { InputError } from '../errors.js';

const INFO_MEM = 1 << 0, INFO_CMDLINE = 1 << 2, INFO_MODS = 1 << 3;
const INFO_SIZE = 88, MODULE_SIZE = 16;
const PAGE = 0x1000;

export interface BootInfo {
  /** Guest-physical address of the info block: EBX at entry. */
  address: number;
  /** The first free byte after everything placed here. */
  end: number;
}

/** The environment every image gets, before the caller's: kvmctl has no pc-testdev, so TEST_DEVICE=0. */
export function baseEnvironment(vcpus: number, memSize: number): Array<[string, string]> {
  return [['NR_CPUS', String(vcpus)], ['MEMSIZE', String(Math.floor(memSize / 0x100000))], ['TEST_DEVICE', '0']];
}

/** The environment module's text: one KEY=VALUE a line. */
export function environmentText(env: Array<[string, string]>): string {
  return env.map(([k, v]) => `${k}=${v}\n`).join('');
}

/** Lays out the info block, the command line and the module past `imageEnd`; throws if RAM is too small. */
export function bootInfoBytes(imageEnd: number, memSize: number, cmdline: string, environ: string): { address: number; bytes: Uint8Array } {
  const address = Math.ceil(imageEnd / PAGE) * PAGE;
  const cmd = Buffer.from(cmdline + '\0', 'latin1');
  const env = Buffer.from(environ + '\0', 'latin1');
  const moduleName = Buffer.from('environ\0', 'latin1');
  const cmdAt = INFO_SIZE + MODULE_SIZE, nameAt = cmdAt + cmd.length;
  const envAt = Math.ceil((nameAt + moduleName.length) / PAGE) * PAGE; // modules page-aligned (flag 0)
  const bytes = new Uint8Array(envAt + env.length);
  const v = new DataView(bytes.buffer);
  if (address + bytes.length > memSize) throw new InputError(`the image and its boot information need ${address + bytes.length} bytes of RAM; --mem is ${memSize}`);
  v.setUint32(0, INFO_MEM | INFO_CMDLINE | INFO_MODS, true);
  v.setUint32(4, 640, true); // mem_lower: KiB below 1 MiB
  v.setUint32(8, Math.floor((memSize - 0x100000) / 1024), true); // mem_upper: KiB from 1 MiB
  v.setUint32(16, address + cmdAt, true);
  v.setUint32(20, 1, true); // mods_count
  v.setUint32(24, address + INFO_SIZE, true); // mods_addr
  v.setUint32(INFO_SIZE, address + envAt, true); // module start
  v.setUint32(INFO_SIZE + 4, address + envAt + env.length, true); // module end, exclusive
  v.setUint32(INFO_SIZE + 8, address + nameAt, true);
  bytes.set(cmd, cmdAt);
  bytes.set(moduleName, nameAt);
  bytes.set(env, envAt);
  return { address, bytes };
}

/** Writes the boot information into RAM. */
export function placeBootInfo(memory: GuestMemory, imageEnd: number, cmdline: string, environ: string): BootInfo {
  const { address, bytes } = bootInfoBytes(imageEnd, memory.size, cmdline, environ);
  memory.writeBytes(address, bytes);
  return { address, end: address + bytes.length };
}
