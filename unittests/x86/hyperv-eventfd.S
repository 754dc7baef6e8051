/*
 * feature: KVM_CAP_HYPERV_EVENTFD - KVM_HYPERV_EVENTFD binds an eventfd to a Hyper-V connection ID: the guest's
 *            HvSignalEvent of that ID (fast, or its input in memory) returns HV_STATUS_SUCCESS and signals the
 *            eventfd with no exit; an ID with no eventfd (and no SynIC to hand it to userspace) returns
 *            HV_STATUS_INVALID_HYPERCALL_INPUT; binding an ID twice is EEXIST, an ID beyond 24 bits EINVAL, and
 *            after KVM_HYPERV_EVENTFD_DEASSIGN the ID signals nothing (a second deassign is ENOENT)
 * groups:  hyperv hypercall eventfd
 * requires: KVM_CAP_HYPERV_EVENTFD
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # hyperv-eventfd.host.ts binds connection 5 to an eventfd before the vCPU exists. The guest signals 5 twice
 * # (R8: fast, the ID in RDX; R9: the ID read from 0x4000); at checkpoint 1 the host reads the eventfd: 2.
 * # The guest signals 6, which has no eventfd (R10); at checkpoint 2 the host finds the eventfd still 0 and
 * # deassigns 5; the guest signals 5 again (R11), and after the run the eventfd is still 0.
 * expect:  regs r8=0 r9=0 r10=3 r11=3
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	.set	PAGE, 0x3000			/* the hypercall page */
	.set	INPUT, 0x4000			/* the slow call's input: the connection ID, a u64 */
	.set	CONN, 5

	hv_hypercall_page PAGE
	mov	$CONN, %edx
	hv_call	PAGE, HVCALL_SIGNAL_EVENT | HV_HYPERCALL_FAST
	mov	%rax, %r8
	movq	$CONN, INPUT
	mov	$INPUT, %edx
	hv_call	PAGE, HVCALL_SIGNAL_EVENT
	mov	%rax, %r9
	checkpoint 1				/* the host: the eventfd reads 2 */
	mov	$CONN + 1, %edx
	hv_call	PAGE, HVCALL_SIGNAL_EVENT | HV_HYPERCALL_FAST
	mov	%rax, %r10
	checkpoint 2				/* the host: still 0; deassigns 5 */
	mov	$CONN, %edx
	hv_call	PAGE, HVCALL_SIGNAL_EVENT | HV_HYPERCALL_FAST
	mov	%rax, %r11
	hlt
