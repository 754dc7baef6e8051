/*
 * feature: KVM_SET_VCPU_EVENTS - an injected #UD, and a #GP with error code 0x1234, run the guest's handlers for
 *            those vectors (with that error code) when the guest re-enters; KVM_GET_VCPU_EVENTS reflects the
 *            exception until then, and nothing after
 * groups:  vcpu events exceptions
 * requires: KVM_CAP_VCPU_EVENTS
 * mode:    long
 * timeout: 5
 * # The guest points IDT vectors 6 and 13 (16-byte gates at 0xe1000) at its handlers, which record the vector,
 * # the error code and the interrupted RIP, then return. The exception step is KVM_SET_VCPU_EVENTS with
 * # exception.injected=1; without KVM_CAP_EXCEPTION_PAYLOAD enabled, KVM_GET_VCPU_EVENTS reports a pending
 * # exception as injected.
 * on:      checkpoint 1 => exception 6; check-events exception.injected=1 exception.nr=6 exception.has_error_code=0
 * on:      checkpoint 2 => exception 13 error_code=0x1234
 * on:      checkpoint 2 => check-events exception.injected=1 exception.nr=13 exception.has_error_code=1 exception.error_code=0x1234
 * on:      end => check-events exception.injected=0 exception.pending=0
 * expect:  final hlt
 * expect:  mem 0x3000 u32=6
 * expect:  mem 0x3008 u64=0x1073
 * expect:  mem 0x3010 u32=13
 * expect:  mem 0x3014 u32=0x1234
 * expect:  mem 0x3018 u64=0x107a
 */
	.include "testdev.inc"
	.macro gate vector, handler
	mov	$\handler, %eax
	mov	%ax, 0xe1000 + 16 * \vector		/* offset 15:0 */
	movw	$0x18, 0xe1000 + 16 * \vector + 2	/* selector: 64-bit code */
	movw	$0x8e00, 0xe1000 + 16 * \vector + 4	/* present, DPL 0, interrupt gate, IST 0 */
	movw	$0, 0xe1000 + 16 * \vector + 6	/* offset 31:16 */
	movl	$0, 0xe1000 + 16 * \vector + 8	/* offset 63:32 */
	.endm
	gate	6, ud_handler
	gate	13, gp_handler
	checkpoint 1			/* the host injects #UD */
	checkpoint 2			/* the handler returned here; the host injects #GP(0x1234) */
	hlt
ud_handler:				/* #UD pushes no error code */
	movl	$6, 0x3000
	mov	(%rsp), %rax
	mov	%rax, 0x3008
	iretq
gp_handler:
	movl	$13, 0x3010
	pop	%rax			/* the error code */
	mov	%eax, 0x3014
	mov	(%rsp), %rax
	mov	%rax, 0x3018
	iretq
