/*
 * feature: an unexpected #UD in long mode is reported by kvmctl's default exception stubs with its vector and RIP
 * groups:  exits modes exception
 * mode:    long
 * expect:  final exception vector=6 rip=0x1010
 * expect:  regs rax=0x5a/0xff rip=0x1010
 */
	mov	$0x5a, %al
	.org	0x10, 0x90
	ud2
	hlt
