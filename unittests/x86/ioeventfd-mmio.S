/*
 * feature: KVM_IOEVENTFD - guest MMIO writes to a registered address signal the eventfd without exiting; with datamatch only the matching value does
 * groups:  eventfd mmio
 * mode:    long
 * requires: KVM_CAP_IOEVENTFD
 * timeout: 3
 * # ioeventfd-mmio.host.ts registers 0x10000000 (4 bytes, any value) and 0x10000008 (4 bytes,
 * # datamatch 0xcafe), both beyond RAM. The guest writes the first address three times and the
 * # second with 0xcafe, 0xbeef, 0xcafe: only the non-matching write exits to userspace. After the
 * # run the first eventfd's counter is 3 and the second's 2.
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000008 length=4 data=0xbeef
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"

	mov	$0x10000000, %edi
	movl	$1, (%rdi)
	movl	$2, (%rdi)
	movl	$3, (%rdi)
	movl	$0xcafe, 8(%rdi)
	movl	$0xbeef, 8(%rdi)
	movl	$0xcafe, 8(%rdi)
	exit_status 0
