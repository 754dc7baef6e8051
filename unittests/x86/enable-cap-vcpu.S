/*
 * feature: KVM_CAP_ENABLE_CAP - enabling a capability on a vCPU fd (the enable-cap ioctl of the vCPU): non-zero flags and
 *            a capability that is not a vCPU one are EINVAL; KVM_CAP_ENFORCE_PV_FEATURE_CPUID with args[0] = 1 takes
 *            effect on that vCPU at once, and args[0] = 0 undoes it
 * groups:  vcpu msr cpuid
 * requires: KVM_CAP_ENABLE_CAP KVM_CAP_ENFORCE_PV_FEATURE_CPUID
 * mode:    long
 * cpuid:   0x40000001 eax=0
 * timeout: 5
 * # enable-cap-vcpu.host.ts: before the run, flags = 1 and KVM_CAP_MSR_PLATFORM_INFO (a VM capability) must
 * # fail with EINVAL; at checkpoint 1 it enforces the PV feature CPUID (0x40000001 EAX = 0: no PV feature),
 * # at checkpoint 2 it stops enforcing. The guest reads MSR_KVM_SYSTEM_TIME_NEW three times; its #GP
 * # handler counts at 0x3000 and skips the RDMSR. Only the second read, while enforced, faults.
 * expect:  final hlt
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	MSR_KVM_SYSTEM_TIME_NEW, 0x4b564d01

	idt64_gate 13, gp_handler
	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	rdmsr				/* not enforced: reads 0 */
	checkpoint 1			/* the host: enforce on this vCPU */
	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	rdmsr				/* #GP(0) */
	checkpoint 2			/* the host: enforce off */
	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	rdmsr				/* reads again */
	hlt

gp_handler:
	incl	0x3000
	addq	$2, 8(%rsp)		/* the RIP above the error code: past the RDMSR */
	add	$8, %rsp		/* drop the error code */
	iretq
