/*
 * feature: KVM_REGISTER_COALESCED_MMIO (pio=1) - OUTs to a coalesced port range do not exit; the ring after kvm_run holds each one, in order, for the next exit
 * groups:  io coalesced
 * mode:    real
 * requires: KVM_CAP_COALESCED_PIO
 * timeout: 3
 * # coalesced-pio.host.ts registers ports 0x600-0x607 with pio=1. The guest makes four OUTs into the
 * # range (1, 2, 4 and 1 bytes), one to port 0x608 just past it (which exits), then three more. At
 * # the exit for port 0x608 the ring (KVM_CAP_COALESCED_MMIO pages after kvm_run) must hold
 * # exactly the first four OUTs, marked pio, and at the end of the run the other three.
 * exits:   exact
 * expect:  exit io direction=out port=0x608 size=1 count=1 data=0x5a
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"

	mov	$0x600, %dx
	mov	$0x11, %al
	out	%al, %dx
	mov	$0x602, %dx
	mov	$0x2222, %ax
	out	%ax, %dx
	mov	$0x604, %dx
	mov	$0x33333333, %eax
	out	%eax, %dx
	mov	$0x607, %dx
	mov	$0x44, %al
	out	%al, %dx
	mov	$0x608, %dx			/* outside the range: an ordinary exit */
	mov	$0x5a, %al
	out	%al, %dx
	mov	$0x601, %dx
	mov	$0x66, %al
	out	%al, %dx
	mov	$0x606, %dx
	mov	$0x7777, %ax
	out	%ax, %dx
	mov	$0x600, %dx
	mov	$0x88888888, %eax
	out	%eax, %dx
	exit_status 0
