/*
 * feature: KVM_SET_GUEST_DEBUG with KVM_GUESTDBG_USE_HW_BP - an execute breakpoint in DR0 exits KVM_EXIT_DEBUG
 *            before the instruction runs: exception 1 (#DB), pc at it, DR6.B0, and the DR7 in effect
 * groups:  vcpu debug
 * mode:    long
 * timeout: 5
 * # DR7 0x401: L0, execute (RW0=00, LEN0=00); bit 10 reads as 1. With KVM_GUESTDBG_USE_HW_BP the DR7 in
 * # effect is the host's debugreg[7], and a #DB exit reports it (struct kvm_debug_exit_arch dr7).
 * # The exit ends the run: RAX is still 0x2a, the inc at the breakpoint has not run.
 * debug:   hw-bp dr0=0x1005 dr7=0x401
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1005 dr6=0xffff0ff1 dr7=0x401
 * expect:  final debug exception=1 pc=0x1005
 * expect:  regs rax=0x2a rip=0x1005
 */
	mov	$0x2a, %eax		/* 0x1000 */
	inc	%eax			/* 0x1005: the execute breakpoint */
	hlt				/* 0x1007 */
