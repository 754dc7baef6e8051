/* For the CLI tests: "hi\n" on the console port, 0x42 in %ebx, and 01 02 03 04 at 0x2000. Any mode. */
	mov	$'h', %al
	out	%al, $0xe9
	mov	$'i', %al
	out	%al, $0xe9
	mov	$10, %al
	out	%al, $0xe9
	mov	$0x42, %ebx
	movl	$0x04030201, 0x2000
	hlt
