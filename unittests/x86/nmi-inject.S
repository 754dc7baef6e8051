/*
 * feature: KVM_NMI - an NMI queued at a checkpoint runs the guest's vector-2 handler when the guest re-enters,
 *            with interrupts disabled (NMIs ignore RFLAGS.IF), then the guest resumes where it was
 * groups:  vcpu events nmi
 * requires: KVM_CAP_USER_NMI
 * mode:    long
 * timeout: 5
 * # The guest points IDT vector 2 (host IDT at 0xe1000, 16-byte gates, code selector 0x18) at its handler.
 * on:      checkpoint 1 => nmi
 * expect:  final hlt
 * expect:  mem 0x3000 u32=0x2
 * expect:  mem 0x3008 u64=0x103d
 * expect:  regs rbx=0x77 rflags=0/0x200
 */
	.include "testdev.inc"
	mov	$handler, %eax
	mov	%ax, 0xe1000 + 16 * 2		/* offset 15:0 */
	movw	$0x18, 0xe1000 + 16 * 2 + 2	/* selector: 64-bit code */
	movw	$0x8e00, 0xe1000 + 16 * 2 + 4	/* present, DPL 0, interrupt gate, IST 0 */
	movw	$0, 0xe1000 + 16 * 2 + 6	/* offset 31:16 */
	movl	$0, 0xe1000 + 16 * 2 + 8	/* offset 63:32 */
	checkpoint 1			/* the host queues the NMI; IF stays 0 */
	mov	$0x77, %ebx		/* the NMI was taken before this instruction */
	hlt
handler:
	movl	$2, 0x3000		/* the handler ran */
	mov	(%rsp), %rax		/* the interrupted RIP */
	mov	%rax, 0x3008
	iretq
