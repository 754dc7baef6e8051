/*
 * feature: KVM_EXIT_IO string OUT - rep outsb to a port exits once per byte (count 1), each byte at
 *            kvm_run + data_offset, the page KVM_PIO_PAGE_OFFSET (1) of the vCPU mapping
 * groups:  exits io string-io
 * mode:    protected
 * exits:   exact
 * expect:  exit io direction=out port=0x80 size=1 count=1 data_offset=0x1000 data=0x6b
 * expect:  exit io direction=out port=0x80 size=1 count=1 data_offset=0x1000 data=0x76
 * expect:  exit io direction=out port=0x80 size=1 count=1 data_offset=0x1000 data=0x6d
 * expect:  exit io direction=out port=0x80 size=1 count=1 data_offset=0x1000 data=0x21
 * expect:  exit hlt
 * expect:  regs rcx=0 rsi=0x2004 rdx=0x80
 */
	movl	$0x216d766b, 0x2000	/* "kvm!" */
	mov	$4, %ecx
	mov	$0x2000, %esi
	mov	$0x80, %dx
	cld
	rep outsb
	hlt
