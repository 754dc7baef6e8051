/* HLT with a register computed by the guest: fib(20) = 6765 in %ebx. Any mode.
 * The hlt is the last byte of the image, so RIP after it is load + image length. */
	mov	$20, %ecx
	xor	%eax, %eax		# a = fib(0)
	mov	$1, %edx		# b = fib(1)
1:	mov	%eax, %ebx
	add	%edx, %ebx		# a + b
	mov	%edx, %eax		# a = b
	mov	%ebx, %edx		# b = a + b
	dec	%ecx
	jnz	1b
	mov	%eax, %ebx		# fib(20)
	hlt
