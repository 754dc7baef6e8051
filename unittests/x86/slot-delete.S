/*
 * feature: KVM_SET_USER_MEMORY_REGION with memory_size 0 deletes a slot: after the host deletes it at a
 *            checkpoint, the guest's next access to its GPA exits as KVM_EXIT_MMIO
 * groups:  memory slots
 * mode:    protected
 * slot:    1 gpa=0x400000 size=4K data=78563412
 * on:      checkpoint 1 => delete-slot 1
 * on:      mmio-read 0x400000 => answer 0xcafef00d
 * exits:   exact
 * expect:  exit mmio write=false address=0x400000 length=4
 * expect:  exit hlt
 * expect:  regs rbx=0x12345678 rcx=0xcafef00d
 */
	.include "testdev.inc"

	mov	0x400000, %ebx		/* the slot's bytes */
	checkpoint 1
	mov	0x400000, %ecx		/* no slot any more: MMIO, answered by the host */
	hlt
