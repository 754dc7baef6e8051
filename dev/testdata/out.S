/* OUT of sizes 1, 2 and 4 to ports with no device: each is recorded and the guest continues. Any mode. */
	mov	$0x11, %al
	out	%al, $0x80
	mov	$0x2233, %ax
	out	%ax, $0x82
	mov	$0x44556677, %eax
	out	%eax, $0x84
	mov	$0x1234, %dx
	mov	$0x8899aabb, %eax
	out	%eax, %dx		# a 16-bit port number, through %dx
	hlt
