/*
 * feature: KVM_EXIT_IO string IN - rep insw exits once with count 4 (size 2); the host's eight bytes at
 *            kvm_run + data_offset (the page KVM_PIO_PAGE_OFFSET, 1) land in memory
 * groups:  exits io string-io
 * mode:    protected
 * exits:   exact
 * on:      in 0x80 => answer 0x4444333322221111
 * expect:  exit io direction=in port=0x80 size=2 count=4 data_offset=0x1000
 * expect:  exit hlt
 * expect:  mem 0x3000 1111 2222 3333 4444 00
 * expect:  regs rcx=0 rdi=0x3008 rdx=0x80
 */
	movb	$0, 0x3008
	mov	$4, %ecx
	mov	$0x3000, %edi
	mov	$0x80, %dx
	cld
	rep insw
	hlt
