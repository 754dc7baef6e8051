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
	.set	TICKS, 0x3000

	cli
	movw	$handler, 0x20 * 4		/* IVT entry of vector 0x20 = IRQ 0 */
	movw	$0, 0x20 * 4 + 2
	mov	$0x11, %al			/* master 8259: ICW1-ICW4, base 0x20 */
	out	%al, $0x20
	mov	$0x20, %al
	out	%al, $0x21
	mov	$0x04, %al
	out	%al, $0x21
	mov	$0x01, %al
	out	%al, $0x21
	mov	$0xfe, %al			/* OCW1: only IRQ 0 */
	out	%al, $0x21

	mov	$0x34, %al			/* channel 0, lobyte/hibyte, mode 2, binary */
	out	%al, $0x43
	mov	$1193 & 0xff, %al
	out	%al, $0x40
	mov	$1193 >> 8, %al
	out	%al, $0x40

1:	cmpw	$3, TICKS
	jae	2f
	sti
	hlt
	cli
	jmp	1b
2:	mov	$0xff, %al			/* mask the PIC before reporting */
	out	%al, $0x21
	exit_status 0

handler:
	push	%ax
	incw	TICKS
	cmpw	$3, TICKS			/* the third tick masks IRQ 0: on a slow host the PIT's */
	jb	1f				/* reinjected backlog would otherwise arrive back to back */
	mov	$0xff, %al			/* between the handler's iret and the loop's cli */
	out	%al, $0x21
1:	mov	$0x20, %al			/* non-specific EOI */
	out	%al, $0x20
	pop	%ax
	iret
