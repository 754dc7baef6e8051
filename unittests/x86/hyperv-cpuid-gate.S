/*
 * feature: KVM_CAP_HYPERV - KVM emulates Hyper-V only for a vCPU whose CPUID 0x40000001 EAX is "Hv#1": with the
 *            default CPUID (KVM's own "KVMKVMKVM" leaves at 0x40000000) the guest's RDMSR of
 *            HV_X64_MSR_GUEST_OS_ID takes #GP(0), while the host's KVM_GET_MSRS of it still reads 0
 * groups:  hyperv msr cpuid
 * requires: KVM_CAP_HYPERV
 * mode:    long
 * timeout: 5
 * # No `cpuid: hyperv` here: the tests that use Hyper-V need it. The RDMSR at 0x1005 is the default stubs' #GP.
 * on:      start => check-msrs 0x40000000=0
 * expect:  final exception vector=13 error_code=0 rip=0x1005
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	mov	$HV_X64_MSR_GUEST_OS_ID, %ecx
	rdmsr				/* #GP(0) */
	hlt
