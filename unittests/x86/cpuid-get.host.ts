// Host half of cpuid-get: KVM_GET_CPUID2 against the entries the runner gave KVM_SET_CPUID2, and its E2BIG.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { CpuidEntry2 } from '../../kvmctl/engine/abi/structs.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const ADDED: CpuidEntry2 = { function: 0x40000010, index: 0, flags: 0, eax: 0x11111111, ebx: 0x22222222, ecx: 0x33333333, edx: 0x44444444 };
const SPARE = 8; // room past the vCPU's entries
const key = (e: CpuidEntry2) => `0x${e.function.toString(16)}.${e.index}`;
const regs = (e: CpuidEntry2 | undefined) => (e ? [e.eax, e.ebx, e.ecx, e.edx].map((r) => `0x${(r >>> 0).toString(16)}`).join(' ') : 'absent');
const empty = (e: CpuidEntry2) => !(e.function || e.index || e.flags || e.eax || e.ebx || e.ecx || e.edx);

const hooks: HostHooks = {
  check(_outcome, { system, vcpu, fail }) {
    const set = [...system.supportedCpuid().filter((e) => key(e) !== key(ADDED)), ADDED];
    // 6.1 never copies nent back, so it stays at the buffer's size: what lies
    // past the vCPU's entries must then be the untouched, zeroed rest of the buffer.
    const got = vcpu.getCpuid(set.length + SPARE);
    const head = got.slice(0, set.length), rest = got.slice(set.length);
    if (head.length !== set.length) fail(`KVM_GET_CPUID2 returned ${head.length} entries, KVM_SET_CPUID2 gave ${set.length}`);
    if (!rest.every(empty)) fail(`KVM_GET_CPUID2 wrote ${rest.filter((e) => !empty(e)).length} entries past the ${set.length} the vCPU has`);
    const order = head.map(key).join(' '), expected = set.map(key).join(' ');
    if (order !== expected) fail(`the leaves come back as ${order}, expected ${expected}`);
    for (const want of [set[0], ADDED]) {
      const e = head.find((x) => key(x) === key(want));
      if (regs(e) !== regs(want)) fail(`leaf ${key(want)} reads ${regs(e)}, expected ${regs(want)}`);
    }
    const short = errnoOf(() => vcpu.getCpuid(set.length - 1));
    if (short !== 'E2BIG') fail(`KVM_GET_CPUID2 with room for ${set.length - 1} entries: expected E2BIG, got ${short}`);
  },
};
export default hooks;
