/*
 * feature: KVM_INTERRUPT - without an in-kernel irqchip, a vector queued while ready_for_interrupt_injection is set
 *            is delivered through the guest's IDT when it re-enters: the handler runs, then the guest resumes
 * groups:  vcpu events interrupts
 * mode:    long
 * timeout: 5
 * # The guest points IDT vector 0x20 (host IDT at 0xe1000, 16-byte gates, code selector 0x18) at its handler,
 * # then runs sti; hlt. At that HLT exit (RIP past the HLT, IF=1) interrupt-inject.host.ts checks
 * # ready_for_interrupt_injection and if_flag; the host queues vector 0x20 and resumes the guest.
 * on:      exit hlt #1 => interrupt 0x20; continue
 * exits:   exact
 * expect:  exit hlt
 * expect:  exit hlt
 * expect:  final hlt
 * expect:  mem 0x3000 u32=0x20
 * expect:  mem 0x3008 u64=0x1038
 * expect:  regs rip=0x1039
 */
	mov	$handler, %eax
	mov	%ax, 0xe1000 + 16 * 0x20	/* offset 15:0 */
	movw	$0x18, 0xe1000 + 16 * 0x20 + 2	/* selector: 64-bit code */
	movw	$0x8e00, 0xe1000 + 16 * 0x20 + 4	/* present, DPL 0, interrupt gate, IST 0 */
	movw	$0, 0xe1000 + 16 * 0x20 + 6	/* offset 31:16 */
	movl	$0, 0xe1000 + 16 * 0x20 + 8	/* offset 63:32 */
	sti
	hlt				/* exits; the interrupt arrives when the guest re-enters */
	hlt				/* at 0x1038: the handler returns here */
handler:
	movl	$0x20, 0x3000		/* the handler ran */
	mov	(%rsp), %rax		/* the interrupted RIP */
	mov	%rax, 0x3008
	iretq
