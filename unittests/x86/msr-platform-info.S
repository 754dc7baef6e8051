/*
 * feature: KVM_CAP_MSR_PLATFORM_INFO - the guest reads MSR_PLATFORM_INFO (0xce) while the VM allows it (the default),
 *            and takes #GP(0) on RDMSR once KVM_ENABLE_CAP(KVM_CAP_MSR_PLATFORM_INFO, 0) forbids it; the host's
 *            KVM_GET_MSRS reads it either way
 * groups:  vcpu msr
 * requires: KVM_CAP_MSR_PLATFORM_INFO
 * mode:    long
 * timeout: 5
 * # A new vCPU's MSR_PLATFORM_INFO is MSR_PLATFORM_INFO_CPUID_FAULT (bit 31) and nothing else. The first RDMSR
 * # goes to R8; at checkpoint 1 the host disables guest reads; the second RDMSR, at 0x101d, is the default
 * # stubs. #GP.
 * on:      start => check-msrs 0xce=0x80000000
 * on:      checkpoint 1 => enable-cap KVM_CAP_MSR_PLATFORM_INFO 0; check-msrs 0xce=0x80000000
 * expect:  final exception vector=13 error_code=0 rip=0x101d
 * expect:  regs r8=0x80000000
 */
	.include "testdev.inc"
	mov	$0xce, %ecx		/* MSR_PLATFORM_INFO */
	rdmsr
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %r8
	checkpoint 1			/* the host forbids guest reads */
	mov	$0xce, %ecx
	rdmsr				/* #GP(0) */
	hlt
