/* #GP(0) in long mode: a load from a non-canonical address at load + 0x10. */
	movabs	$0x8000000000000000, %rbx
	.org	0x10, 0x90
	mov	(%rbx), %rax
	hlt
