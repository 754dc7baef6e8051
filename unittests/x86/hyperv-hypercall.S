/*
 * feature: KVM_CAP_HYPERV - the Hyper-V hypercall page: once the guest sets HV_X64_MSR_GUEST_OS_ID and enables
 *            HV_X64_MSR_HYPERCALL with a page's GPA, KVM writes a hypercall sequence ending in RET there, reads the
 *            MSR back as written, and a call through the page returns a Hyper-V status in RAX:
 *            HV_STATUS_INVALID_HYPERCALL_CODE (2) for a code KVM does not implement
 * groups:  hyperv hypercall msr
 * requires: KVM_CAP_HYPERV
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # The page is at 0x3000, zeroed first; KVM writes VMCALL or VMMCALL (by vendor) and RET at 0x3003. Call code
 * # 0x0fff is none of KVM's. Without Hyper-V, the same call would be a KVM hypercall (RAX -KVM_ENOSYS).
 * expect:  mem 0x3003 c3
 * expect:  regs rax=2 r8=0x3001 r9=0x8100000000000000
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	cld
	mov	$0x3000, %edi
	xor	%eax, %eax
	mov	$512, %ecx
	rep stosq
	hv_hypercall_page 0x3000
	rdmsr64	HV_X64_MSR_HYPERCALL, %r8
	rdmsr64	HV_X64_MSR_GUEST_OS_ID, %r9
	xor	%edx, %edx
	hv_call	0x3000, 0x0fff
	hlt
