/*
 * feature: KVM_IOEVENTFD - guest OUTs to a registered port signal the eventfd without exiting; with datamatch only the matching value does
 * groups:  eventfd io
 * mode:    real
 * requires: KVM_CAP_IOEVENTFD
 * timeout: 3
 * # ioeventfd-pio.host.ts registers port 0x510 (1 byte, any value) and port 0x512 (2 bytes,
 * # datamatch 0x4242) with KVM_IOEVENTFD_FLAG_PIO. The guest writes port 0x510 three times and port
 * # 0x512 with 0x4242, 0x4141, 0x4242: only the non-matching write exits to userspace. After the
 * # run the first eventfd's counter is 3 and the second's 2.
 * exits:   exact
 * expect:  exit io direction=out port=0x512 size=2 count=1 data=0x4141
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"

	mov	$0x510, %dx
	mov	$0x01, %al
	out	%al, %dx
	mov	$0x02, %al
	out	%al, %dx
	mov	$0x03, %al
	out	%al, %dx

	mov	$0x512, %dx
	mov	$0x4242, %ax
	out	%ax, %dx
	mov	$0x4141, %ax
	out	%ax, %dx
	mov	$0x4242, %ax
	out	%ax, %dx
	exit_status 0
