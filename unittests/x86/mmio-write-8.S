/*
 * feature: KVM_EXIT_MMIO - an 8-byte write beyond RAM (long mode) exits with is_write, the address, len 8 and the data
 * groups:  exits mmio
 * mode:    long
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000000 length=8 data=0x1122334455667788
 * expect:  exit hlt
 */
	movabs	$0x1122334455667788, %rax
	mov	%rax, 0x10000000
	hlt
