/*
 * feature: KVM_EXIT_MMIO - a 4-byte read beyond RAM exits with is_write 0, the address and len 4; the host's data reaches the guest
 * groups:  exits mmio
 * mode:    protected
 * exits:   exact
 * on:      mmio-read 0x10000010 => answer 0xcafef00d
 * expect:  exit mmio write=false address=0x10000010 length=4
 * expect:  exit hlt
 * expect:  regs rax=0xcafef00d
 * expect:  mem 0x2000 u32=0xcafef00d
 */
	mov	0x10000010, %eax
	mov	%eax, 0x2000
	hlt
