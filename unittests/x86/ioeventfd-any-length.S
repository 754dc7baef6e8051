/*
 * feature: KVM_CAP_IOEVENTFD_ANY_LENGTH - a zero-length MMIO KVM_IOEVENTFD (KVM_CAP_IOEVENTFD_NO_LENGTH) matches
 *            guest writes of every length to its address without exiting; a write to the next address still exits
 * groups:  eventfd mmio
 * mode:    long
 * requires: KVM_CAP_IOEVENTFD KVM_CAP_IOEVENTFD_NO_LENGTH KVM_CAP_IOEVENTFD_ANY_LENGTH
 * timeout: 3
 * # ioeventfd-any-length.host.ts registers 0x10000000 with len 0 (and checks that len 0 with datamatch is
 * # EINVAL). The guest writes 1, 2, 4 and 8 bytes there, none of which exits, then 4 bytes to 0x10000004,
 * # which does. After the run the eventfd's counter is 4.
 * exits:   exact
 * expect:  exit mmio write=true address=0x10000004 length=4 data=0x5
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"

	mov	$0x10000000, %edi
	movb	$1, (%rdi)
	movw	$2, (%rdi)
	movl	$3, (%rdi)
	movq	$4, (%rdi)
	movl	$5, 4(%rdi)
	exit_status 0
