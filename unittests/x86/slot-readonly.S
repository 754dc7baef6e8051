/*
 * feature: KVM_MEM_READONLY - reads of a read-only slot see the host's bytes; a write exits as
 *            KVM_EXIT_MMIO with the data and leaves the slot unchanged
 * groups:  memory slots readonly
 * requires: KVM_CAP_READONLY_MEM
 * mode:    protected
 * slot:    1 gpa=0x400000 size=4K readonly data=efbeadde0df0feca
 * exits:   exact
 * expect:  exit mmio write=true address=0x400004 length=4 data=0x11223344
 * expect:  exit hlt
 * expect:  regs rax=0xdeadbeef rbx=0xcafef00d
 * expect:  mem 0x400000 efbeadde 0df0feca
 */
	mov	0x400000, %eax		/* plain reads: no exit, the host's bytes */
	movl	$0x11223344, 0x400004	/* a write: KVM_EXIT_MMIO, the slot keeps its bytes */
	mov	0x400004, %ebx
	hlt
