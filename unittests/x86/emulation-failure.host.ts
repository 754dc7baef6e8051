// Host half of emulation-failure: the KVM_INTERNAL_ERROR_EMULATION exit carries the instruction bytes
// (kvm_run.emulation_failure: flags with KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES, insn_size,
// insn_bytes), and they start with the flds (%rbx) the emulator could not handle.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const FLAG_INSTRUCTION_BYTES = 1n; // KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES
const FLDS = [0xd9, 0x03];

const hooks: HostHooks = {
  check({ final }, { fail }) {
    if (final.reason !== 'internal_error') return; // the header's final-exit expectation reports it
    // internal.data as u64s: [0] flags, [1..2] insn_size (1 byte) then 15 instruction bytes.
    if (final.data.length < 3) return fail(`ndata is ${final.data.length}; the flags and the instruction bytes need 3`);
    if ((final.data[0] & FLAG_INSTRUCTION_BYTES) === 0n) return fail(`flags 0x${final.data[0].toString(16)} lack KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES`);
    const raw = new Uint8Array(16);
    const view = new DataView(raw.buffer);
    view.setBigUint64(0, final.data[1], true);
    view.setBigUint64(8, final.data[2], true);
    const size = raw[0];
    const bytes = [...raw.subarray(1, 1 + Math.min(size, 15))];
    const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, '0')).join(' ');
    if (size < FLDS.length || size > 15) fail(`insn_size is ${size}`);
    else if (hex(bytes.slice(0, FLDS.length)) !== hex(FLDS)) fail(`insn_bytes start ${hex(bytes)}, expected ${hex(FLDS)} (flds (%rbx))`);
  },
};
export default hooks;
