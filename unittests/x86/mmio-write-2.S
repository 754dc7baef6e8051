/*
 * feature: KVM_EXIT_MMIO - a 2-byte write beyond RAM exits with is_write, the address, len 2 and the data
 * groups:  exits mmio
 * mode:    protected
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000000 length=2 data=0xbeef
 * expect:  exit hlt
 */
	movw	$0xbeef, 0x10000000
	hlt
