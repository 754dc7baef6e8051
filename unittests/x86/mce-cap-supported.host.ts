// Host half of mce-cap-supported: KVM_X86_GET_MCE_CAP_SUPPORTED against KVM_X86_SETUP_MCE, which refuses any
// MCG_CAP bit outside that answer, the bank count (7:0) and the extended-register count (23:16).
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const MCG_CTL_P = 1n << 8n, MCG_SER_P = 1n << 24n;
const BANKS = 10n;
const hex = (v: bigint) => `0x${v.toString(16)}`;
let wanted = 0n;

const hooks: HostHooks = {
  setup({ system, vcpu, machine, fail }) {
    const supported = system.mceCapSupported();
    if ((supported & (MCG_CTL_P | MCG_SER_P)) !== (MCG_CTL_P | MCG_SER_P)) fail(`supported MCG_CAP ${hex(supported)} lacks MCG_CTL_P or MCG_SER_P`);
    let extra = 8n;
    while (extra < 64n && ((supported >> extra) & 1n || (extra >= 16n && extra <= 23n))) extra++;
    if (extra < 64n) {
      const refused = errnoOf(() => vcpu.setupMce(supported | BANKS | (1n << extra)));
      if (refused !== 'EINVAL') fail(`KVM_X86_SETUP_MCE with bit ${extra}, which ${hex(supported)} lacks: expected EINVAL, got ${refused}`);
    }
    wanted = (supported & ~0xffn) | BANKS;
    vcpu.setupMce(wanted);
    machine.memory.writeBytes(0x3008, new Uint8Array(BigUint64Array.of(wanted).buffer));
  },
  check(_outcome, { machine, fail }) {
    const read = machine.memory.readU64(0x3000);
    const low = 0x1ffn; // the bank count and MCG_CTL_P
    if ((read & low) !== (wanted & low)) fail(`MCG_CAP bits 8:0 in the guest are not the bank count and MCG_CTL_P set: read ${hex(read)}, set ${hex(wanted)}`);
    else if (read !== wanted) fail(`MCG_CAP in the guest lacks capabilities KVM_X86_SETUP_MCE enabled: read ${hex(read)}, set ${hex(wanted)}`);
  },
};
export default hooks;
