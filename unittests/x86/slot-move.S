/*
 * feature: KVM_SET_USER_MEMORY_REGION moves a slot: after the host moves it at a checkpoint, the guest
 *            sees its bytes at the new GPA, and the old GPA exits as KVM_EXIT_MMIO
 * groups:  memory slots
 * mode:    protected
 * slot:    1 gpa=0x400000 size=4K data=78563412
 * on:      checkpoint 1 => move-slot 1 0x600000
 * on:      mmio-read 0x400000 => answer 0xcafef00d
 * exits:   exact
 * expect:  exit mmio write=false address=0x400000 length=4
 * expect:  exit hlt
 * expect:  regs rbx=0x12345678 rcx=0x12345678 rdx=0xcafef00d
 * expect:  mem 0x600004 u32=0x9abcdef0
 */
	.include "testdev.inc"

	mov	0x400000, %ebx		/* the slot at its first GPA */
	checkpoint 1
	mov	0x600000, %ecx		/* the same bytes at the new GPA */
	movl	$0x9abcdef0, 0x600004	/* RAM there: no exit */
	mov	0x400000, %edx		/* the old GPA: MMIO, answered by the host */
	hlt
