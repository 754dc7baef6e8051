/*
 * feature: KVM_CAP_HYPERV_TLBFLUSH - the Hyper-V TLB flush hypercalls: HvCallFlushVirtualAddressSpace (0x0002) for
 *            all processors returns HV_STATUS_SUCCESS; HvCallFlushVirtualAddressList (0x0003), a rep call, returns
 *            success with every rep completed (RAX bits 43:32 = the rep count, 3), and without a rep count
 *            HV_STATUS_INVALID_HYPERCALL_INPUT (3)
 * groups:  hyperv hypercall
 * requires: KVM_CAP_HYPERV_TLBFLUSH
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # Memory-based calls: the input (hv_tlb_flush: address space, flags, processor mask) is at 0x4000, with flags
 * # HV_FLUSH_ALL_PROCESSORS (1) and, for the list, three GVAs after it. KVM flushes the whole TLB whatever the list
 * # says and reports every rep done. Results: R12, R13, R14.
 * expect:  regs r12=0 r13=0x300000000 r14=3
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	movq	$0, 0x4000			/* address space: any */
	movq	$1, 0x4008			/* HV_FLUSH_ALL_PROCESSORS */
	movq	$0, 0x4010			/* processor mask */
	movq	$0x200000, 0x4018		/* the list's GVAs */
	movq	$0x201000, 0x4020
	movq	$0x202000, 0x4028
	hv_hypercall_page 0x3000
	mov	$0x4000, %edx			/* input GPA */
	xor	%r8d, %r8d			/* output GPA: none */
	hv_call	0x3000, 0x0002
	mov	%rax, %r12
	mov	$0x4000, %edx
	xor	%r8d, %r8d
	hv_call	0x3000, 0x300000003		/* rep count 3 */
	mov	%rax, %r13
	mov	$0x4000, %edx
	xor	%r8d, %r8d
	hv_call	0x3000, 0x0003			/* rep count 0 */
	mov	%rax, %r14
	hlt
