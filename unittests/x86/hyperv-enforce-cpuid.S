/*
 * feature: KVM_CAP_HYPERV_ENFORCE_CPUID - once the vCPU enables this capability, a synthetic MSR whose privilege
 *            bit (CPUID 0x40000003 EAX) is clear takes #GP(0), where the guest read it before; one whose bit is set
 *            still reads
 * groups:  hyperv msr cpuid vcpu
 * requires: KVM_CAP_HYPERV_ENFORCE_CPUID
 * mode:    long
 * cpuid:   hyperv
 * cpuid:   0x40000003 eax=0x20
 * msr:     0x40000002=3
 * timeout: 5
 * # 0x40000003 EAX = 0x20 keeps only HV_MSR_HYPERCALL_AVAILABLE (GUEST_OS_ID and HYPERCALL), so VP_INDEX
 * # (bit 6) is not offered; the host sets it to 3 first. The guest reads it into R8; at checkpoint 1
 * # hyperv-enforce-cpuid.host.ts does KVM_ENABLE_CAP(KVM_CAP_HYPERV_ENFORCE_CPUID, 1) on the vCPU; GUEST_OS_ID
 * # still reads (R9 = 0x1234, set before), and the second RDMSR of VP_INDEX, at 0x103f, is the default stubs' #GP.
 * expect:  final exception vector=13 error_code=0 rip=0x103f
 * expect:  regs r8=3 r9=0x1234
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	rdmsr64	HV_X64_MSR_VP_INDEX, %r8
	wrmsr64	HV_X64_MSR_GUEST_OS_ID, 0, 0x1234
	checkpoint 1			/* the host enforces the Hyper-V CPUID */
	rdmsr64	HV_X64_MSR_GUEST_OS_ID, %r9
	mov	$HV_X64_MSR_VP_INDEX, %ecx
	rdmsr				/* #GP(0) */
	hlt
