// A Machine is one VM ready to run a guest: RAM in slot 0 at GPA 0, optional extra slots, one or more
// vCPUs in the chosen mode, and the guest image at its load address.
import type { Regs } from '../engine/abi/structs.js';
import { InputError } from '../errors.js';
import type { GuestMemory } from '../engine/kvm/memory.js';
import type { System } from '../engine/kvm/system.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import type { Slot, Vm } from '../engine/kvm/vm.js';
import { type Mode } from './layout.js';
import { enterMode, initialRegs, ModeError, reservedRanges } from './mode-setup.js';

export interface ExtraSlot {
  slot: number;
  gpa: bigint;
  size: number;
  flags?: number;
  /** Bytes placed at the start of the slot before the guest runs. */
  data?: Uint8Array;
}

export interface MachineConfig {
  mode: Mode;
  memSize: number;
  load: number;
  entry?: number;
  image: Uint8Array;
  /** Register values applied after the mode's defaults. */
  regs?: Partial<Regs>;
  slots?: ExtraSlot[];
  vcpus?: number;
  /** VM-wide set-up that must come before the vCPUs exist (an irqchip, VM capabilities). */
  prepareVm?: (vm: Vm) => void;
}

/** Where KVM_SET_TSS_ADDR puts the three pages Intel's real-mode emulation needs: above any RAM we map. */
const TSS_ADDR = 0xfffbd000;

export class Machine {
  readonly vm: Vm;
  readonly memory: GuestMemory;
  readonly vcpus: Vcpu[] = [];
  readonly entry: number;

  constructor(readonly system: System, readonly config: MachineConfig) {
    const { mode, memSize, load, image } = config;
    this.entry = config.entry ?? load;
    checkImage(config);
    this.vm = system.createVm();
    try {
      if (system.checkExtension('KVM_CAP_SET_TSS_ADDR') > 0) this.vm.setTssAddr(TSS_ADDR);
      const ram = this.vm.addSlot({ slot: 0, gpa: 0, size: memSize });
      this.memory = ram.memory;
      let highest = BigInt(memSize);
      for (const s of config.slots ?? []) {
        const slot = this.vm.addSlot({ slot: s.slot, gpa: s.gpa, size: s.size, flags: s.flags });
        if (s.data) slot.memory.writeBytes(0, s.data);
        if (s.gpa + BigInt(s.size) > highest) highest = s.gpa + BigInt(s.size);
      }
      this.memory.writeBytes(load, image);
      config.prepareVm?.(this.vm);
      for (let i = 0; i < (config.vcpus ?? 1); i++) {
        const vcpu = this.vm.createVcpu(i);
        enterMode(vcpu, this.memory, mode, highest);
        vcpu.setRegs({ ...initialRegs(this.entry), ...config.regs });
        this.vcpus.push(vcpu);
      }
    } catch (e) {
      this.vm.close();
      if (e instanceof ModeError) throw new InputError(e.message);
      throw e;
    }
  }

  get vcpu(): Vcpu {
    return this.vcpus[0];
  }

  get mode(): Mode {
    return this.config.mode;
  }

  /** Guest-physical read through whichever slot backs `gpa`. */
  slotAt(gpa: bigint): { slot: Slot; offset: number } | undefined {
    return this.vm.resolve(gpa);
  }

  close(): void {
    this.vm.close();
  }
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/** The image's placement in guest memory, checked before anything opens KVM: an InputError if it cannot fit. */
export function checkImage({ mode, memSize, load, image, entry }: Pick<MachineConfig, 'mode' | 'memSize' | 'load' | 'image' | 'entry'>): void {
  if (image.length === 0) throw new InputError('guest binary is empty');
  if (load < 0 || load >= memSize) throw new InputError(`load address ${hex(load)} is outside guest memory (0..${hex(memSize)})`);
  if (load + image.length > memSize)
    throw new InputError(`guest binary of ${image.length} bytes at ${hex(load)} does not fit in ${hex(memSize)} bytes of guest memory`);
  const e = entry ?? load;
  if (e < 0 || e >= memSize) throw new InputError(`entry point ${hex(e)} is outside guest memory`);
  for (const [start, end] of reservedRanges(mode)) {
    if (start < memSize && load < end && load + image.length > start)
      throw new InputError(`guest binary at ${hex(load)}..${hex(load + image.length)} overlaps the ${mode}-mode system area ${hex(start)}..${hex(end)}`);
  }
}
