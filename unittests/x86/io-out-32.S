/*
 * feature: KVM_EXIT_IO - a four-byte OUT to a 16-bit port in %dx exits with size 4, count 1 and the four data bytes
 * groups:  exits io
 * mode:    long
 * exits:   exact
 * expect:  exit io direction=out port=0x1234 size=4 count=1 data=0x8899aabb
 * expect:  exit hlt
 */
	mov	$0x1234, %dx
	mov	$0x8899aabb, %eax
	out	%eax, %dx
	hlt
