/*
 * feature: KVM_CAP_PIT_STATE2 - KVM_GET_PIT2 / KVM_SET_PIT2 carry the PIT's flags: KVM_PIT_FLAGS_SPEAKER_DATA_ON set by
 *            the host is bit 1 of the guest's port 0x61, and the guest's write of 0x61 clears it and opens channel 2's
 *            gate; with KVM_PIT_FLAGS_HPET_LEGACY set channel 0 raises no IRQ 0, and once the host clears it the
 *            guest's programming of channel 0 takes effect
 * groups:  irqchip clock
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_PIT_STATE2 KVM_CAP_PIT2 KVM_CAP_IRQCHIP
 * timeout: 5
 * # pit-state2.host.ts creates the PIT with KVM_PIT_SPEAKER_DUMMY, so port 0x61 is KVM's. Checkpoint 1: flags read
 * # 0, the host sets SPEAKER_DATA_ON | HPET_LEGACY and reads them back. The guest keeps bits 1:0 of port 0x61
 * # (data on, gate off: 2), programs channel 0 as a 1 ms rate generator and waits with IF set for 10000 pauses
 * # (about 11 ms here): no IRQ 0 (count 0 at 0x3002). It writes 1 to port 0x61 (gate on, data off). Checkpoint 2:
 * # flags read HPET_LEGACY alone, channel 2's gate 1, channel 0 mode 2 with count 1193; the host clears the flags
 * # and KVM starts channel 0's timer: the guest waits in sti; hlt for IRQ 0, and its handler masks it.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 02
 * expect:  mem 0x3002 u16=0
 */
	.include "testdev.inc"
	.include "pic.inc"
	.set	TICKS, 0x3004

	cli
	ivt_set	0x20, handler			/* vector 0x20 = IRQ 0 */
	pic_master_init 0x20, 0xfe		/* vectors 0x20-0x27, only IRQ 0 unmasked */

	checkpoint 1				/* SPEAKER_DATA_ON | HPET_LEGACY */
	in	$0x61, %al
	and	$0x03, %al			/* speaker data, channel 2 gate */
	mov	%al, 0x3000

	pit_rate_generator 1193			/* about 1 ms */
	sti					/* HPET legacy: channel 0 must stay silent */
	mov	$10000, %cx
1:	pause
	loop	1b
	cli
	mov	TICKS, %ax
	mov	%ax, 0x3002

	mov	$0x01, %al			/* port 0x61: gate on, speaker data off */
	out	%al, $0x61
	checkpoint 2				/* the host clears the flags */
2:	cmpw	$0, TICKS
	jne	3f
	sti
	hlt
	cli
	jmp	2b
3:	exit_status 0

handler:
	push	%ax
	incw	TICKS
	pic_master_mask 0xff			/* one tick is enough: mask IRQ 0 */
	pic_master_eoi
	pop	%ax
	iret
