/*
 * feature: KVM_REGISTER_COALESCED_MMIO - writes to a coalesced zone do not exit; the ring after kvm_run holds each one, in order, for the next exit
 * groups:  mmio coalesced
 * mode:    long
 * requires: KVM_CAP_COALESCED_MMIO
 * timeout: 3
 * # coalesced-mmio.host.ts registers the zone 0x10000000-0x10000fff (beyond RAM). The guest makes
 * # four writes into it (1, 2, 4 and 8 bytes), one write just past it (0x10001000, which exits),
 * # then four more. At the exit for 0x10001000 the ring (KVM_CAP_COALESCED_MMIO pages after
 * # kvm_run) must hold exactly the first four writes, and at the end of the run the other four.
 * exits:   exact
 * expect:  exit mmio write=true address=0x10001000 length=4 data=0x55aa55aa
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"

	mov	$0x10000000, %edi
	movb	$0x11, (%rdi)
	movw	$0x2222, 0x10(%rdi)
	movl	$0x33333333, 0x20(%rdi)
	mov	$0x4444444444444444, %rax
	mov	%rax, 0x28(%rdi)
	movl	$0x55aa55aa, 0x1000(%rdi)	/* outside the zone: an ordinary exit */
	movl	$0x66666666, 0xffc(%rdi)
	movb	$0x77, 0x1(%rdi)
	movw	$0x8888, 0x12(%rdi)
	movl	$0x99999999, (%rdi)
	exit_status 0
