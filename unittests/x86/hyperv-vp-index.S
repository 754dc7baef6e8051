/*
 * feature: KVM_CAP_HYPERV_VP_INDEX - HV_X64_MSR_VP_INDEX reads the vCPU's index (0) until the host sets it with
 *            KVM_SET_MSRS, then the value set; KVM_GET_MSRS reads it back, and the guest's own WRMSR takes #GP(0)
 * groups:  hyperv msr vcpu
 * requires: KVM_CAP_HYPERV_VP_INDEX
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # The first RDMSR goes to R8; at checkpoint 1 hyperv-vp-index.host.ts sets VP_INDEX to 5 (KVM_SET_MSRS); the
 * # second RDMSR goes to R9; the WRMSR at 0x1038 (the index is the host's to set) is the default stubs' #GP.
 * on:      checkpoint 1 => check-msrs 0x40000002=5
 * expect:  final exception vector=13 error_code=0 rip=0x1038
 * expect:  regs r8=0 r9=5
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	rdmsr64	HV_X64_MSR_VP_INDEX, %r8
	checkpoint 1			/* the host sets VP_INDEX to 5 */
	rdmsr64	HV_X64_MSR_VP_INDEX, %r9
	wrmsr64	HV_X64_MSR_VP_INDEX, 0, 7	/* #GP(0) */
	hlt
