/*
 * feature: KVM_EXIT_MMIO through KVM's instruction emulator - a read-modify-write (add, xchg) on an MMIO
 *            operand exits for the read, then for the write of the combined value
 * groups:  exits mmio emulator
 * mode:    protected
 * exits:   exact
 * on:      mmio-read 0x10000000 => answer 0x1000
 * on:      mmio-read 0x10000010 => answer 0x55aa55aa
 * expect:  exit mmio write=false address=0x10000000 length=4
 * expect:  exit mmio write=true address=0x10000000 length=4 data=0x1022
 * expect:  exit mmio write=false address=0x10000010 length=4
 * expect:  exit mmio write=true address=0x10000010 length=4 data=0x12345678
 * expect:  exit hlt
 * expect:  regs rax=0x22 rbx=0x55aa55aa rflags=0x6
 */
	mov	$0x22, %eax
	add	%eax, 0x10000000	/* 0x1000 + 0x22: no carry, even parity (PF) */
	mov	$0x12345678, %ebx
	xchg	%ebx, 0x10000010	/* the old value comes back in %ebx */
	hlt
