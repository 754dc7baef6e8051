/*
 * feature: KVM_CREATE_PIT2 - the in-kernel i8254: the guest programs channel 0 as a rate generator and IRQ 0 arrives through the 8259
 * groups:  irqchip clock
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_PIT2
 * timeout: 3
 * # pit.host.ts creates the PIT (KVM_CREATE_PIT2, after KVM_CREATE_IRQCHIP). The guest programs
 * # the master 8259 (vectors 0x20-0x27, only IRQ 0 unmasked) and PIT channel 0 in mode 2 with a
 * # count of 1193 (about 1 ms at 1.193182 MHz), then waits in sti; hlt for three IRQ 0s; the handler
 * # masks IRQ 0 at the third. Channel 0 and the 8259 are served in the kernel, so the only exit is
 * # the final status write.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u16=3
 */
	.include "testdev.inc"
	.include "pic.inc"
	.set	TICKS, 0x3000

	cli
	ivt_set	0x20, handler			/* vector 0x20 = IRQ 0 */
	pic_master_init 0x20, 0xfe		/* vectors 0x20-0x27, only IRQ 0 unmasked */

	pit_rate_generator 1193			/* about 1 ms */

1:	cmpw	$3, TICKS
	jae	2f
	sti
	hlt
	cli
	jmp	1b
2:	pic_master_mask 0xff			/* mask the PIC before reporting */
	exit_status 0

handler:
	push	%ax
	incw	TICKS
	cmpw	$3, TICKS			/* the third tick masks IRQ 0: on a slow host the PIT's */
	jb	1f				/* reinjected backlog would otherwise arrive back to back */
	pic_master_mask 0xff			/* between the handler's iret and the loop's cli */
1:	pic_master_eoi
	pop	%ax
	iret
