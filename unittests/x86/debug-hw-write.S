/*
 * feature: KVM_SET_GUEST_DEBUG with KVM_GUESTDBG_USE_HW_BP - a data write watchpoint in DR1 exits KVM_EXIT_DEBUG
 *            after the write: exception 1 (#DB), pc at the next instruction, DR6.B1, and the DR7 in effect
 * groups:  vcpu debug
 * mode:    long
 * timeout: 5
 * # DR7 0xd00404: L1, RW1=01 (data write), LEN1=11 (4 bytes); bit 10 reads as 1. With KVM_GUESTDBG_USE_HW_BP
 * # the DR7 in effect is the host's debugreg[7], and a #DB exit reports it (struct kvm_debug_exit_arch dr7).
 * # The write to 0x3004, just past the watched dword, must not fire it (exits: exact).
 * debug:   hw-bp dr1=0x3000 dr7=0xd00404
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1019 dr6=0xffff0ff2 dr7=0xd00404
 * expect:  final debug exception=1 pc=0x1019
 * expect:  mem 0x3000 u32=0x2b
 * expect:  regs rax=0x2b rbx=0 rip=0x1019
 */
	mov	$0x2a, %eax		/* 0x1000 */
	inc	%eax			/* 0x1005 */
	movl	$0, 0x3004		/* 0x1007: next to the watched dword */
	mov	%eax, 0x3000		/* 0x1012: the watched write */
	mov	%eax, %ebx		/* 0x1019: the exit after the write */
	hlt
