/*
 * feature: KVM_EXIT_MMIO - a 1-byte write beyond RAM exits with is_write, the address, len 1 and the data
 * groups:  exits mmio
 * mode:    protected
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000000 length=1 data=0x5a
 * expect:  exit hlt
 */
	movb	$0x5a, 0x10000000
	hlt
