/*
 * feature: KVM_CAP_SET_GUEST_DEBUG2 - KVM_GUESTDBG_BLOCKIRQ, a flag the capability's mask announces: while the host
 *            single-steps with it, a pending PIC interrupt is not injected though the guest has IF set, so every
 *            step lands on the next instruction; once debugging is off the interrupt arrives
 * groups:  vcpu debug irqchip
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_SET_GUEST_DEBUG2&0x100000 KVM_CAP_IRQCHIP
 * timeout: 5
 * # The guest programs the master 8259 (vectors 0x20-0x27, only IRQ 1 unmasked) and sets IF. At checkpoint 1
 * # the host raises IRQ 1 and turns on single-step with BLOCKIRQ. The first debug exit is the checkpoint's OUT
 * # completing, then one per instruction: the guest copies the handler's count to 0x3004 while stepping (0;
 * # without BLOCKIRQ the interrupt is injected at the next entry and the copy reads 1). At the fourth exit the
 * # host turns debugging off: the interrupt arrives and the count becomes 1.
 * on:      checkpoint 1 => irq-line 1 1; debug singlestep blockirq
 * on:      exit debug #1 => continue
 * on:      exit debug #2 => continue
 * on:      exit debug #3 => continue
 * on:      exit debug #4 => debug off; continue
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1109
 * expect:  exit debug exception=1 pc=0x110c
 * expect:  exit debug exception=1 pc=0x110f
 * expect:  exit debug exception=1 pc=0x1110
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u16=1
 * expect:  mem 0x3004 u16=0
 */
	.include "testdev.inc"
	.set	COUNT, 0x3000
	.set	SEEN, 0x3004

	cli
	movw	$handler, 0x21 * 4	/* IVT entry of vector 0x21 = IRQ 1 */
	movw	$0, 0x21 * 4 + 2
	mov	$0x11, %al		/* master 8259: ICW1-ICW4, base 0x20, 8086 mode */
	out	%al, $0x20
	mov	$0x20, %al
	out	%al, $0x21
	mov	$0x04, %al
	out	%al, $0x21
	mov	$0x01, %al
	out	%al, $0x21
	mov	$0xfd, %al		/* OCW1: only IRQ 1 */
	out	%al, $0x21
	sti				/* nothing is pending yet */
	jmp	stepped

	.org	0x100
stepped:				/* 0x1100 */
	checkpoint 1			/* IRQ 1 raised; single-step with BLOCKIRQ from here */
	mov	COUNT, %ax		/* 0x1109 */
	mov	%ax, SEEN		/* 0x110c */
	nop				/* 0x110f */
1:	cmpw	$0, COUNT		/* 0x1110: debugging is off from here */
	jne	2f
	hlt
	jmp	1b
2:	cli
	exit_status 0

handler:
	push	%ax
	incw	COUNT
	mov	$0x20, %al		/* non-specific EOI */
	out	%al, $0x20
	pop	%ax
	iret
