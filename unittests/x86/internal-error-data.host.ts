// Host half of internal-error-data: the data of the KVM_INTERNAL_ERROR_EMULATION exit KVM gives without
// KVM_CAP_EXIT_ON_EMULATION_FAILURE (prepare_emulation_failure_exit): flags, instruction bytes, exit info.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { hostKey } from '../../kvmctl/host.js';

const FLAG_INSTRUCTION_BYTES = 1n; // KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES
const NDATA = 8; // flags, 2 of instruction bytes, 5 of exit info
const SVM_EXIT_NPF = 0x400n;
const MMIO_GPA = 0x10000000n;
const hex = (v: bigint) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  check({ final }, { fail }) {
    if (final.reason !== 'internal_error') return; // the header's final-exit expectation reports it
    const d = final.data;
    if (d.length !== NDATA) return fail(`ndata is ${d.length}, expected ${NDATA} (flags, instruction bytes, exit info)`);
    if ((d[0] & FLAG_INSTRUCTION_BYTES) === 0n) fail(`flags ${hex(d[0])} lack KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES`);
    // data[1] holds insn_size in its low byte, then the first instruction bytes: flds (%rbx) is d9 03.
    const size = Number(d[1] & 0xffn), first = Number((d[1] >> 8n) & 0xffffn);
    if (size < 2 || size > 15 || first !== 0x03d9) fail(`instruction bytes: size ${size}, first two 0x${first.toString(16)}; expected d9 03`);
    if (hostKey().vendor === 'amd') {
      if (d[3] !== SVM_EXIT_NPF) fail(`exit reason ${hex(d[3])}, expected SVM_EXIT_NPF (0x400)`);
      if (d[5] !== MMIO_GPA) fail(`exit info 2 ${hex(d[5])}, expected the MMIO GPA ${hex(MMIO_GPA)}`);
    }
  },
};
export default hooks;
