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
	.set	COUNT, 0x3000
	.set	ISR, 0x3002

	cli
	movw	$handler, 0x21 * 4	/* IVT entry of vector 0x21 = IRQ 1 */
	movw	$0, 0x21 * 4 + 2
	/* master: ICW1 (edge, cascade, ICW4), ICW2 base 0x20, ICW3 slave on IR2, ICW4 8086 mode */
	mov	$0x11, %al
	out	%al, $0x20
	mov	$0x20, %al
	out	%al, $0x21
	mov	$0x04, %al
	out	%al, $0x21
	mov	$0x01, %al
	out	%al, $0x21
	/* slave: base 0x28, cascade identity 2, 8086 mode, all masked */
	mov	$0x11, %al
	out	%al, $0xa0
	mov	$0x28, %al
	out	%al, $0xa1
	mov	$0x02, %al
	out	%al, $0xa1
	mov	$0x01, %al
	out	%al, $0xa1
	mov	$0xff, %al
	out	%al, $0xa1
	/* OCW1: unmask IRQ 1 only */
	mov	$0xfd, %al
	out	%al, $0x21

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
	mov	$0x20, %al		/* non-specific EOI to the master */
	out	%al, $0x20
	in	$0x20, %al		/* still the ISR: now empty */
	mov	%al, ISR + 1
	iret
