/* Registers set by the host, seen by the guest (real and protected mode: the eight 32-bit GPRs).
 * The image starts with ud2: the host must set RIP past it. Each register goes to 0x3000 + 4*i in
 * the order eax ebx ecx edx esi edi esp ebp; CF (from the host's RFLAGS) goes to 0x3020. */
	ud2
	mov	%eax, 0x3000
	mov	%ebx, 0x3004
	mov	%ecx, 0x3008
	mov	%edx, 0x300c
	mov	%esi, 0x3010
	mov	%edi, 0x3014
	mov	%esp, 0x3018
	mov	%ebp, 0x301c
	setc	0x3020
	hlt
