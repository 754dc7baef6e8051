/*
 * A multiboot kernel whose AP, not the BSP, ends the test (not a unittest: it has no header).
 * The BSP copies a real-mode stub to 0x8000, wakes vCPU 1 with INIT and SIPI vector 0x08 through
 * the in-kernel LAPIC and spins. The AP writes 3 to isa-debug-exit (0xf4): as in QEMU, that ends
 * the whole run (FAIL, status 7), where a debug-exit that ended only the AP would leave a TIMEOUT.
 * Built with: as --32 and ld -m elf_i386 -Ttext=0x100000 (see kut-run.test.ts).
 */
	.code32
	.globl	_start
	.set	APIC, 0xfee00000
	.set	ICR, APIC + 0x300
	.set	ICR2, APIC + 0x310
	.align	4
	.long	0x1badb002, 0, -0x1badb002	/* magic, flags, checksum */
_start:
	mov	$ap_stub, %esi			/* the stub runs at the SIPI page, below 1 MiB */
	mov	$0x8000, %edi
	mov	$(ap_stub_end - ap_stub), %ecx
	rep movsb
	movl	$0x1ff, APIC + 0xf0		/* SVR: software-enable the LAPIC */
	movl	$1 << 24, ICR2			/* destination: APIC ID 1 */
	movl	$0x00004500, ICR		/* INIT, assert, physical */
1:	testl	$1 << 12, ICR			/* delivery status: send pending */
	jnz	1b
	movl	$1 << 24, ICR2
	movl	$0x00004608, ICR		/* SIPI, vector 0x08: start at 0x8000 */
spin:	pause
	jmp	spin

	.code16
ap_stub:					/* position-independent: it runs at 0x8000 */
	mov	$3, %eax
	out	%eax, $0xf4
2:	hlt
	jmp	2b
ap_stub_end:
