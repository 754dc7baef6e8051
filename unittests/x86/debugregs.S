/*
 * feature: KVM_SET_DEBUGREGS / KVM_GET_DEBUGREGS - DR0-DR3 and DR7 set by the host are what the guest's
 *            mov %drN reads, and what the guest writes is what the host reads back
 * groups:  vcpu debug
 * requires: KVM_CAP_DEBUGREGS
 * mode:    long
 * timeout: 5
 * # debugregs.host.ts sets DR0-DR3 = 0x111000..0x444000 and DR7 = 0xd0400 (RW0=01 LEN0=11, no breakpoint
 * # enabled; bit 10 reads as 1) before the run, and expects DR0-DR3 = 0xaaa000..0xddd000, DR7 = 0x500400 after it.
 * expect:  final hlt
 * expect:  regs r8=0x111000 r9=0x222000 r10=0x333000 r11=0x444000 r12=0xd0400
 */
	mov	%dr0, %r8
	mov	%dr1, %r9
	mov	%dr2, %r10
	mov	%dr3, %r11
	mov	%dr7, %r12
	mov	$0xaaa000, %eax
	mov	%rax, %dr0
	mov	$0xbbb000, %eax
	mov	%rax, %dr1
	mov	$0xccc000, %eax
	mov	%rax, %dr2
	mov	$0xddd000, %eax
	mov	%rax, %dr3
	mov	$0x500400, %eax		/* RW1=01 LEN1=01, still nothing enabled */
	mov	%rax, %dr7
	hlt
