/*
 * feature: KVM_GET_SREGS after a guest-made switch to long mode - from real mode the guest enters protected
 *            mode, then sets CR4.PAE, CR3, EFER.LME (wrmsr) and CR0.PG and far-jumps to a 64-bit code segment;
 *            the final sregs show PE, PG, EFER.LME and LMA, and CS.L
 * groups:  modes mode-switch
 * mode:    real
 * exits:   exact
 * expect:  exit hlt
 * expect:  sregs cr0=0x80000001/0x80000001 cr3=0x2000 cr4=0x20/0x20 efer=0x500/0x500
 * expect:  sregs cs.selector=0x18 cs.l=1 cs.db=0 gdt.limit=0x1f
 * expect:  regs rax=0x1122334455667788
 * expect:  mem 0x8000 u64=0x1122334455667788
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
	mov	%cr4, %eax
	or	$0x20, %eax		/* CR4.PAE */
	mov	%eax, %cr4
	mov	$pml4, %eax
	mov	%eax, %cr3
	mov	$0xc0000080, %ecx	/* EFER */
	rdmsr
	or	$0x100, %eax		/* EFER.LME */
	wrmsr
	mov	%cr0, %eax
	or	$0x80000000, %eax	/* CR0.PG: long mode becomes active (EFER.LMA) */
	mov	%eax, %cr0
	ljmp	$0x18, $long64

	.code64
long64:
	movabs	$0x1122334455667788, %rax
	mov	%rax, 0x8000
	hlt

	.balign	16
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt
	.balign	16
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* 0x08: 32-bit code */
	.quad	0x00cf93000000ffff	/* 0x10: data */
	.quad	0x00af9b000000ffff	/* 0x18: 64-bit code (L=1) */
gdt_end:

	/* Page tables: the first 2 MiB identity-mapped by one large page. */
	.balign	4096
pml4:	.quad	pdpt + 3
	.fill	511, 8, 0
pdpt:	.quad	pd + 3
	.fill	511, 8, 0
pd:	.quad	0x83			/* 2 MiB page at 0: present, writable, PS */
	.fill	511, 8, 0
