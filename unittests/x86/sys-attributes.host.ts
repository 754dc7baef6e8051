// Host half of sys-attributes: /dev/kvm's device attributes (x86: group 0, KVM_X86_XCOMP_GUEST_SUPP).
import { DEVICE_ATTRS } from '../../kvmctl/engine/abi/devices.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const SUPP = DEVICE_ATTRS.KVM_X86_XCOMP_GUEST_SUPP;
const X87_SSE = 0x3n;
const XTILE_DATA = 1n << 18n; // the one dynamic (permission-gated) XSAVE feature
const hex = (v: bigint) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const has = errnoOf(() => system.hasDeviceAttr(0, SUPP));
    if (has !== 'ok') return fail(`KVM_HAS_DEVICE_ATTR(group 0, KVM_X86_XCOMP_GUEST_SUPP) on /dev/kvm: ${has}, expected success`);
    for (const [group, attr] of [[0, SUPP + 1], [1, SUPP]]) {
      const what = `group ${group}, attribute ${attr}`;
      const hasOther = errnoOf(() => system.hasDeviceAttr(group, attr));
      if (hasOther !== 'ENXIO') fail(`KVM_HAS_DEVICE_ATTR(${what}) on /dev/kvm: ${hasOther}, expected ENXIO`);
      const getOther = errnoOf(() => system.getDeviceAttr(group, attr));
      if (getOther !== 'ENXIO') fail(`KVM_GET_DEVICE_ATTR(${what}) on /dev/kvm: ${getOther}, expected ENXIO`);
    }
    const xcr0 = system.getDeviceAttr(0, SUPP);
    if ((xcr0 & X87_SSE) !== X87_SSE) fail(`KVM_X86_XCOMP_GUEST_SUPP ${hex(xcr0)} lacks x87 or SSE (${hex(X87_SSE)})`);
    const leaf = system.supportedCpuid().find((e) => e.function === 0xd && e.index === 0);
    if (!leaf) return fail('KVM_GET_SUPPORTED_CPUID has no leaf 0xD.0');
    const cpuid = (BigInt(leaf.edx) << 32n) | BigInt(leaf.eax);
    if ((cpuid & ~xcr0) !== 0n) fail(`CPUID 0xD.0 EDX:EAX ${hex(cpuid)} has bits outside KVM_X86_XCOMP_GUEST_SUPP ${hex(xcr0)}`);
    if ((cpuid & ~XTILE_DATA) !== (xcr0 & ~XTILE_DATA))
      fail(`CPUID 0xD.0 EDX:EAX ${hex(cpuid)} and KVM_X86_XCOMP_GUEST_SUPP ${hex(xcr0)} differ outside the dynamic bit 18`);
  },
};
export default hooks;
