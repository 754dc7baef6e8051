/*
 * A minimal multiboot kernel for the kvmctl kut tests (not a unittest: it has no header).
 * Checks EAX, prints its command line and its first module (the environment) on the 16550 at
 * 0x3f8, then writes the number in the command line's last word to isa-debug-exit (0xf4).
 * A last word that is not a number makes it spin, for the timeout.
 * Built with: as --32 and ld -m elf_i386 -Ttext=0x100000 (see kut-run.test.ts).
 */
	.code32
	.globl	_start
	.align	4
	.long	0x1badb002, 0, -0x1badb002	/* magic, flags, checksum */
_start:
	mov	$0x80000, %esp			/* multiboot leaves ESP undefined */
	cmp	$0x2badb002, %eax
	jne	bad_magic
	mov	16(%ebx), %esi			/* cmdline */
	call	print
	mov	$'\n', %al
	call	putc
	mov	24(%ebx), %edi			/* mods_addr: module 0 */
	mov	(%edi), %esi
	call	print
	mov	16(%ebx), %esi			/* last word of the cmdline */
	mov	%esi, %edi
1:	lodsb
	test	%al, %al
	jz	2f
	cmp	$' ', %al
	jne	1b
	mov	%esi, %edi
	jmp	1b
2:	xor	%ecx, %ecx			/* decimal number at %edi */
	movzbl	(%edi), %eax
	sub	$'0', %eax
	cmp	$9, %eax
	ja	spin
3:	movzbl	(%edi), %eax
	sub	$'0', %eax
	cmp	$9, %eax
	ja	4f
	imul	$10, %ecx
	add	%eax, %ecx
	inc	%edi
	jmp	3b
4:	mov	%ecx, %eax
	out	%eax, $0xf4
	hlt
spin:	jmp	spin
bad_magic:
	mov	$5, %eax
	out	%eax, $0xf4
	hlt

print:	lodsb				/* the NUL-terminated string at %esi */
	test	%al, %al
	jz	1f
	call	putc
	jmp	print
1:	ret

putc:	mov	%al, %ah		/* waits for LSR.THRE as a 16550 driver does */
	mov	$0x3fd, %dx
1:	in	%dx, %al
	test	$0x20, %al
	jz	1b
	mov	$0x3f8, %dx
	mov	%ah, %al
	out	%al, %dx
	ret
