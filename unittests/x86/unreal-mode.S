/*
 * feature: big real mode - a 4 GiB data segment loaded into DS in protected mode keeps its cached limit after
 *            the return to real mode (CR0.PE cleared, DS reloaded with 0), so a 32-bit access above 1 MiB works
 * groups:  modes unreal
 * mode:    real
 * exits:   exact
 * expect:  exit hlt
 * expect:  sregs cr0=0/0x80000001 ds.selector=0 ds.base=0 ds.limit=0xffffffff
 * expect:  regs rax=0x600df00d rbx=0x600df00d
 * expect:  mem 0x1ffff0 u32=0x600df00d
 */
	cli
	lgdtl	gdt_desc
	mov	%cr0, %eax
	or	$1, %eax		/* CR0.PE */
	mov	%eax, %cr0
	jmp	1f
1:	mov	$0x08, %bx		/* load DS with the 4 GiB data segment */
	mov	%bx, %ds
	and	$~1, %eax		/* back to real mode */
	mov	%eax, %cr0
	jmp	2f
2:	xor	%bx, %bx
	mov	%bx, %ds		/* a real-mode load: base 0, the limit stays 4 GiB */
	mov	$0x1ffff0, %esi
	movl	$0x600df00d, (%esi)	/* 32-bit address, beyond the 64 KiB limit of real mode */
	mov	(%esi), %eax
	addr32 mov 0x1ffff0, %ebx	/* a 32-bit displacement too */
	hlt

	.balign	16
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt
	.balign	16
gdt:
	.quad	0
	.quad	0x00cf93000000ffff	/* 0x08: data, base 0, 4 GiB */
gdt_end:
