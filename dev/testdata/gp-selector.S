/* #GP with an error code (protected and long mode): loading DS with selector 0x123b, whose index
 * is beyond the GDT limit, faults at load + 0x10 with error code 0x1238 (the selector without RPL). */
	mov	$0x123b, %ax
	.org	0x10, 0x90
	mov	%ax, %ds
	hlt
