/*
 * feature: KVM_SET_USER_MEMORY_REGION - a second slot at a GPA above 4 GiB (long mode) is guest RAM:
 *            the guest reads the host's bytes and its writes reach the host's mapping, with no exit
 * groups:  memory slots
 * mode:    long
 * slot:    1 gpa=0x100000000 size=64K data=8877665544332211
 * exits:   exact
 * expect:  exit hlt
 * expect:  regs rax=0x1122334455667788
 * expect:  mem 0x10000fff8 u64=0x1122334455667788
 */
	movabs	$0x100000000, %rbx
	mov	(%rbx), %rax
	mov	%rax, 0xfff8(%rbx)	/* the last quadword of the 64 KiB slot */
	hlt
