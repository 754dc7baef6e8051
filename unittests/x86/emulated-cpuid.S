/*
 * feature: KVM_GET_EMULATED_CPUID - lists the CPUID bits KVM emulates whatever the host CPU has: leaf 1 ECX has
 *            MOVBE (bit 22), the example api.rst gives, and leaf 0 EAX gives the highest leaf listed
 * groups:  cpuid host-only
 * requires: KVM_CAP_EXT_EMUL_CPUID
 * timeout: 3
 * # emulated-cpuid.host.ts, after vCPU 0's run: KVM_GET_EMULATED_CPUID on /dev/kvm (room for 64 entries)
 * # has leaf 1 with ECX bit 22 set, and no leaf above leaf 0's EAX among the basic leaves.
 */
	.include "testdev.inc"
	exit_status 0
