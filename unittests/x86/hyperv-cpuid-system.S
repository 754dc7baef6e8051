/*
 * feature: KVM_CAP_SYS_HYPERV_CPUID - the Hyper-V CPUID query on /dev/kvm: leaf 0x40000000 names "Linux KVM Hv"
 *            and the highest leaf, 0x40000001 EAX is "Hv#1", 0x40000003 EAX offers the hypercall and VP index
 *            MSRs; a buffer with room for one entry fails with E2BIG
 * groups:  cpuid hyperv host-only
 * requires: KVM_CAP_SYS_HYPERV_CPUID
 * timeout: 3
 * # Host only: hyperv-cpuid-system.host.ts calls KVM_GET_SUPPORTED_HV_CPUID on /dev/kvm after the run; the guest
 * # just halts. (The same ioctl on a vCPU is hyperv-cpuid-vcpu.)
 */
	hlt
