/* An unexpected #UD: ud2 at load + 0x10, reported by the default stubs. Any mode.
 * %al holds 0x5a at the fault, which the report must restore from the stub's frame. */
	mov	$0x5a, %al
	.org	0x10, 0x90
	ud2
	hlt
