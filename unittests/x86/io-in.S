/*
 * feature: KVM_EXIT_IO - IN of sizes 1, 2 and 4 exits with direction in; the host's answer reaches the guest
 * groups:  exits io
 * mode:    protected
 * exits:   exact
 * on:      in 0x60 => answer 0xab
 * on:      in 0x62 => answer 0xabcd
 * on:      in 0x64 => answer 0x12345678
 * expect:  exit io direction=in port=0x60 size=1 count=1
 * expect:  exit io direction=in port=0x62 size=2 count=1
 * expect:  exit io direction=in port=0x64 size=4 count=1
 * expect:  exit hlt
 * expect:  mem 0x2000 ab 00 cdab 78563412
 * expect:  regs rax=0x12345678
 */
	movb	$0, 0x2001
	in	$0x60, %al
	mov	%al, 0x2000
	in	$0x62, %ax
	mov	%ax, 0x2002
	in	$0x64, %eax
	mov	%eax, 0x2004
	hlt
