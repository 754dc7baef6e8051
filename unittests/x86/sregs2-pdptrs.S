/*
 * feature: KVM_CAP_SREGS2 - KVM_GET_SREGS2 reports flags 0 outside PAE paging and KVM_SREGS2_FLAGS_PDPTRS_VALID with
 *            the four PDPTRs of the guest's PDPT in PAE paging; KVM_SET_SREGS2 of what it read round-trips, and
 *            PDPTRS_VALID outside PAE paging is EINVAL
 * groups:  vcpu sregs paging
 * requires: KVM_CAP_SREGS2
 * mode:    protected
 * timeout: 5
 * # The guest builds a PAE PDPT at 0x10000 with four present entries (page directories at 0x11000-0x14000; the
 * # first maps the low 2 MiB with a large page), then turns on CR4.PAE and CR0.PG itself. sregs2-pdptrs.host.ts:
 * # at checkpoint 1 (no paging yet) KVM_GET_SREGS2 has flags 0, its other fields are KVM_GET_SREGS's, and
 * # KVM_SET_SREGS2 with PDPTRS_VALID fails with EINVAL; at checkpoint 2 (PAE paging) flags is PDPTRS_VALID and
 * # pdptrs[] are the PDPT's entries in guest memory at CR3 (but for the accessed bit, which the CPU may set
 * # there); KVM_SET_SREGS2 of that state succeeds and KVM_GET_SREGS2 reads the same back.
 * expect:  final hlt
 * expect:  sregs cr0=0x80000001/0x80000001 cr3=0x10000 cr4=0x20/0x20
 * expect:  regs rbx=0x2a
 */
	.include "testdev.inc"
	.set	PDPT, 0x10000
	.set	PD, 0x11000

	movl	$0x83, PD		/* PD[0]: 2 MiB page at 0, present, writable */
	movl	$0, PD + 4
	mov	$PDPT, %edi
	mov	$PD + 1, %eax		/* PDPTE: present (bits 1-2 are reserved in PAE PDPTEs) */
	mov	$4, %ecx
1:	mov	%eax, (%edi)
	movl	$0, 4(%edi)
	add	$0x1000, %eax
	add	$8, %edi
	loop	1b
	checkpoint 1			/* protected mode, no paging */
	mov	$PDPT, %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$0x20, %eax		/* CR4.PAE */
	mov	%eax, %cr4
	mov	%cr0, %eax
	or	$0x80000000, %eax	/* CR0.PG */
	mov	%eax, %cr0
	checkpoint 2			/* PAE paging */
	mov	$0x2a, %ebx
	hlt
