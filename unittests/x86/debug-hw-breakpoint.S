/*
 * feature: KVM_SET_GUEST_DEBUG with KVM_GUESTDBG_USE_HW_BP - an execute breakpoint in DR0 exits KVM_EXIT_DEBUG
 *            before the instruction (pc at it, DR6.B0), and a write watchpoint in DR1 exits after the write
 *            (pc at the next instruction, DR6.B1)
 * groups:  vcpu debug
 * mode:    long
 * timeout: 5
 * # DR7 0x401: L0, execute (RW0=00, LEN0=00); bit 10 reads as 1. At that exit the host switches to the
 * # watchpoint alone, DR7 0xd00404: L1, RW1=01 (data write), LEN1=11 (4 bytes), so the guest moves on.
 * debug:   hw-bp dr0=0x1005 dr7=0x401
 * on:      exit debug #1 => debug hw-bp dr1=0x3000 dr7=0xd00404; continue
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1005 dr6=0xffff0ff1
 * expect:  exit debug exception=1 pc=0x1019 dr6=0xffff0ff2
 * expect:  final debug exception=1 pc=0x1019
 * expect:  mem 0x3000 u32=0x2b
 * expect:  regs rax=0x2b rbx=0 rip=0x1019
 */
	mov	$0x2a, %eax		/* 0x1000 */
	inc	%eax			/* 0x1005: the execute breakpoint */
	movl	$0, 0x3004		/* 0x1007 */
	mov	%eax, 0x3000		/* 0x1012: the watched write */
	mov	%eax, %ebx		/* 0x1019: the exit after the write */
	hlt
