// Host half of nested-state-svm: KVM_GET_NESTED_STATE / KVM_SET_NESTED_STATE of an SVM vCPU outside guest mode,
// where the state is the 128-byte header and its flags carry the guest's GIF.
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import { kvm_nested_state, NESTED_STATE as N } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { HostContext, HostHooks } from '../../kvmctl/harness/host-hooks.js';

let capacity = 0;
const states = new Map<number, Uint8Array>();

function read(at: string, wantFlags: number, { vcpu, fail }: HostContext): Uint8Array | undefined {
  const { header, bytes } = vcpu.getNestedState(capacity);
  const got = `format ${header.format} size ${header.size} flags 0x${header.flags.toString(16)}`;
  const want = `format ${N.KVM_STATE_NESTED_FORMAT_SVM} size ${kvm_nested_state.size} flags 0x${wantFlags.toString(16)}`;
  if (got !== want) {
    fail(`${at}: KVM_GET_NESTED_STATE gave ${got}, expected ${want}`);
    return undefined;
  }
  return bytes;
}

const hooks: HostHooks = {
  setup({ system, fail }) {
    capacity = system.checkExtension(CAPABILITIES.KVM_CAP_NESTED_STATE);
    const largest = kvm_nested_state.size + N.KVM_STATE_NESTED_SVM_VMCB_SIZE;
    if (capacity !== largest) fail(`KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE) is ${capacity}, expected ${largest} (the header and the vmcb12 page)`);
  },
  onCheckpoint(n, ctx) {
    const { vcpu } = ctx;
    if (n === 1) {
      const s = read('checkpoint 1 (GIF=1)', N.KVM_STATE_NESTED_GIF_SET, ctx);
      if (s) states.set(1, s);
    } else if (n === 2) {
      const s = read('checkpoint 2 (after CLGI)', 0, ctx);
      const one = states.get(1);
      if (!s || !one) return;
      vcpu.setNestedState(one);
      read('checkpoint 2, after KVM_SET_NESTED_STATE of checkpoint 1\'s state', N.KVM_STATE_NESTED_GIF_SET, ctx);
      vcpu.setNestedState(s);
      read('checkpoint 2, after KVM_SET_NESTED_STATE of its own state', 0, ctx);
    } else if (n === 3) {
      read('checkpoint 3 (after STGI)', N.KVM_STATE_NESTED_GIF_SET, ctx);
    }
  },
};
export default hooks;
