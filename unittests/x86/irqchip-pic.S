/*
 * feature: KVM_IRQ_LINE - with KVM_CREATE_IRQCHIP, raising IRQ 1 of the in-kernel 8259 PIC runs the guest's real-mode handler
 * groups:  irqchip
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP
 * timeout: 3
 * # The guest programs the master 8259 (vectors 0x20-0x27) and unmasks only IRQ 1. With IF clear it
 * # asks the host to raise the line, then opens the interrupt window with sti; hlt. The PIC's ports
 * # are served in the kernel, so the only exit left is the final status write.
 * on:      checkpoint 1 => irq-line 1 1
 * on:      checkpoint 2 => irq-line 1 0
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u16=1
 * # The handler reads the in-service register (OCW3) before and after its EOI: IRQ 1, then nothing.
 * expect:  mem 0x3002 02 00
 */
	.include "testdev.inc"
	.include "pic.inc"
	.set	COUNT, 0x3000
	.set	ISR, 0x3002

	cli
	ivt_set	0x21, handler		/* vector 0x21 = IRQ 1 */
	pic_master_init 0x20, 0xfd	/* vectors 0x20-0x27, only IRQ 1 unmasked */
	pic_slave_init 0x28, 0xff	/* vectors 0x28-0x2f, all masked */

	checkpoint 1			/* the host raises IRQ 1 */
1:	cmpw	$0, COUNT
	jne	2f
	sti
	hlt				/* the interrupt wakes the in-kernel HLT */
	cli
	jmp	1b
2:	checkpoint 2			/* the host lowers the line again */
	exit_status 0

handler:
	incw	COUNT
	mov	$0x0b, %al		/* OCW3: the next read of port 0x20 returns the ISR */
	out	%al, $0x20
	in	$0x20, %al
	mov	%al, ISR
	pic_master_eoi
	in	$0x20, %al		/* still the ISR: now empty */
	mov	%al, ISR + 1
	iret
