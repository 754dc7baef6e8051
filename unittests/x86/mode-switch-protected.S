/*
 * feature: KVM_GET_SREGS after a guest-made mode switch - starting in real mode, the guest loads its own GDT,
 *            sets CR0.PE and far-jumps to a 32-bit code segment; the final sregs show PE, CS and DS from that GDT
 * groups:  modes mode-switch
 * mode:    real
 * exits:   exact
 * expect:  exit hlt
 * expect:  sregs cr0=0x1/0x80000001 efer=0 gdt.base=0x1040 gdt.limit=0x17
 * expect:  sregs cs.selector=0x08 cs.base=0 cs.limit=0xffffffff cs.db=1 cs.l=0 cs.g=1
 * expect:  sregs ds.selector=0x10 ds.limit=0xffffffff ss.selector=0x10 ss.db=1
 * expect:  regs rax=0x10 rbx=0x87654321 rip=0x1030
 * expect:  mem 0x123000 u32=0x87654321
 */
	cli
	lgdtl	gdt_desc
	mov	%cr0, %eax
	or	$1, %eax		/* CR0.PE */
	mov	%eax, %cr0
	ljmpl	$0x08, $protected32

	.code32
protected32:
	mov	$0x10, %eax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	$0x87654321, %ebx
	mov	%ebx, 0x123000		/* a 32-bit address, above 1 MiB */
	hlt

	.balign	16
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt
	.balign	16
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* 0x08: 32-bit code, base 0, 4 GiB */
	.quad	0x00cf93000000ffff	/* 0x10: data, base 0, 4 GiB */
gdt_end:
