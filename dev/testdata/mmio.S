/* MMIO beyond RAM (protected and long mode, RAM < 256 MiB): a 4-byte write, a 4-byte read the host
 * answers, and a 1-byte read nobody answers (all-ones). The values read are stored at 0x2000. */
	movl	$0xdeadbeef, 0x10000000
	mov	0x10000010, %eax
	mov	%eax, 0x2000
	movb	0x10000020, %bl
	mov	%bl, 0x2004
	hlt
