/* IN of sizes 1, 2 and 4 answered by the host, stored at 0x2000; port 0x66 is left to the default
 * (all-ones, like an empty ISA bus). Any mode. */
	in	$0x60, %al
	mov	%al, 0x2000
	in	$0x62, %ax
	mov	%ax, 0x2002
	in	$0x64, %eax
	mov	%eax, 0x2004
	in	$0x66, %eax
	mov	%eax, 0x2008
	hlt
