/*
 * feature: KVM_EXIT_MMIO - a 4-byte write beyond RAM exits with is_write, the address, len 4 and the data
 * groups:  exits mmio
 * mode:    protected
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000000 length=4 data=0xdeadbeef
 * expect:  exit hlt
 */
	movl	$0xdeadbeef, 0x10000000
	hlt
