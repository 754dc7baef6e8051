/*
 * feature: KVM_EXIT_IRQ_WINDOW_OPEN - with request_interrupt_window set, KVM_RUN returns once the guest can take
 *            an interrupt: after sti and the one instruction in its shadow, with ready_for_interrupt_injection set
 * groups:  vcpu events interrupts
 * mode:    long
 * timeout: 5
 * # The guest starts with IF=0, so no window opens before the sti. irq-window.host.ts checks
 * # ready_for_interrupt_injection and if_flag at the exit.
 * on:      start => irq-window on
 * on:      exit irq_window_open #1 => check-regs rax=1 rip=0x1007; irq-window off; continue
 * exits:   exact
 * expect:  exit irq_window_open
 * expect:  exit hlt
 * expect:  final hlt
 * expect:  regs rax=2
 */
	mov	$1, %eax		/* 0x1000 */
	sti				/* 0x1005 */
	nop				/* 0x1006: in the sti shadow */
	mov	$2, %eax		/* 0x1007: the window is open here */
	hlt
