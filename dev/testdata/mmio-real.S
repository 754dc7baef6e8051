/* MMIO beyond RAM in real mode (run with 64 KiB of RAM): ES = 0x2000 reaches GPA 0x20000, which no
 * slot backs. Same accesses as mmio.S: a write at 0x20000, reads at 0x20010 (answered) and 0x20020. */
	mov	$0x2000, %ax
	mov	%ax, %es
	movl	$0xdeadbeef, %es:0x0000
	mov	%es:0x0010, %eax
	mov	%eax, 0x2000
	movb	%es:0x0020, %bl
	mov	%bl, 0x2004
	hlt
