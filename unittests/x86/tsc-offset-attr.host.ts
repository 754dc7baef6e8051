// Host half of tsc-offset-attr: the vCPU's TSC offset through KVM_GET/SET_DEVICE_ATTR at checkpoint 1.
import { DEVICE_ATTRS } from '../../kvmctl/engine/abi/devices.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const GROUP = DEVICE_ATTRS.KVM_VCPU_TSC_CTRL;
const OFFSET = DEVICE_ATTRS.KVM_VCPU_TSC_OFFSET;
const STEP = 1n << 50n;
const REBASE_LIMIT = 1n << 32n; // host TSC cycles between the SET and the GET: well under a second
const hex = (v: bigint) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu, fail }) {
    if (n !== 1) return;
    const has = errnoOf(() => vcpu.hasDeviceAttr(GROUP, OFFSET));
    if (has !== 'ok') return fail(`KVM_HAS_DEVICE_ATTR(KVM_VCPU_TSC_CTRL, KVM_VCPU_TSC_OFFSET): ${has}, expected success`);
    for (const [group, attr] of [[GROUP, OFFSET + 1], [GROUP + 1, OFFSET]]) {
      const other = errnoOf(() => vcpu.hasDeviceAttr(group, attr));
      if (other !== 'ENXIO') fail(`KVM_HAS_DEVICE_ATTR(group ${group}, attribute ${attr}) on the vCPU: ${other}, expected ENXIO`);
    }
    const offset = BigInt.asUintN(64, vcpu.getDeviceAttr(GROUP, OFFSET) + STEP);
    vcpu.setDeviceAttr(GROUP, OFFSET, offset);
    // Exactly the offset on a host whose TSC is stable. Where the kernel marked it unstable (as under TCG), each
    // vcpu_load, this GET's too, re-bases the offset so the guest's TSC goes on from where the SET left it:
    // the offset less the host cycles since the SET, a few million at most.
    const back = vcpu.getDeviceAttr(GROUP, OFFSET);
    const lag = BigInt.asIntN(64, offset - back);
    if (lag < 0n || lag >= REBASE_LIMIT)
      fail(`KVM_GET_DEVICE_ATTR(KVM_VCPU_TSC_OFFSET) after setting ${hex(offset)}: ${hex(back)}, not the offset less the cycles since`);
  },
};
export default hooks;
