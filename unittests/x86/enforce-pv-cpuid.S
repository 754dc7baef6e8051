/*
 * feature: KVM_CAP_ENFORCE_PV_FEATURE_CPUID - once KVM_ENABLE_CAP on the vCPU enforces the PV feature CPUID, a KVM PV
 *            MSR whose feature bit (CPUID 0x40000001 EAX) is clear takes #GP(0); before, the guest reads it
 * groups:  vcpu msr cpuid
 * requires: KVM_CAP_ENFORCE_PV_FEATURE_CPUID
 * mode:    long
 * cpuid:   0x40000001 eax=0
 * timeout: 5
 * # CPUID 0x40000001 EAX = 0 clears every KVM PV feature, KVM_FEATURE_CLOCKSOURCE2 (bit 3) included. The
 * # guest's first RDMSR of MSR_KVM_SYSTEM_TIME_NEW (0x4b564d01) reads 0 into R8 (RDX:RAX set to 0x1234 first);
 * # at checkpoint 1 enforce-pv-cpuid.host.ts does KVM_ENABLE_CAP(KVM_CAP_ENFORCE_PV_FEATURE_CPUID, 1) on
 * # the vCPU; the second RDMSR, at 0x1024, is the default stubs' #GP.
 * expect:  final exception vector=13 error_code=0 rip=0x1024
 * expect:  regs r8=0
 */
	.include "testdev.inc"
	mov	$0x1234, %eax
	mov	%eax, %edx
	mov	$0x4b564d01, %ecx	/* MSR_KVM_SYSTEM_TIME_NEW */
	rdmsr
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %r8
	checkpoint 1			/* the host enforces the PV feature CPUID */
	mov	$0x4b564d01, %ecx
	rdmsr				/* #GP(0) */
	hlt
