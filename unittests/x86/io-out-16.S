/*
 * feature: KVM_EXIT_IO - a two-byte OUT exits with direction out, size 2, port, count 1 and both data bytes
 * groups:  exits io
 * mode:    protected
 * exits:   exact
 * expect:  exit io direction=out port=0x82 size=2 count=1 data=0xbeef
 * expect:  exit hlt
 */
	mov	$0xbeef, %ax
	out	%ax, $0x82
	hlt
