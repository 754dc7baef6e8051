/*
 * feature: KVM_TRANSLATE - through the guest's own page tables, a GVA translates to the GPA its PTE maps, with
 *            valid set for present pages and clear for a non-present one
 * groups:  vcpu paging
 * mode:    long
 * # The guest turns the 2 MiB page at GVA 0x400000 into 4 KiB pages: PT at 0x10000 maps GVA 0x400000 to GPA
 * # 0x7000 (writable) and 0x401000 to 0x9000 (read-only); 0x402000 is not present. translate.host.ts calls
 * # KVM_TRANSLATE at checkpoint 1. x86 KVM reports writeable=1 for every valid translation (it does not
 * # look at the PTE's R/W bit), so writeable is checked on the writable page only.
 * expect:  final hlt
 * expect:  mem 0x7000 u32=0x5a5a
 * expect:  mem 0x9000 u32=0x0
 */
	.include "testdev.inc"
	movq	$0x7003, 0x10000	/* PT[0]: GPA 0x7000, present, writable */
	movq	$0x9001, 0x10008	/* PT[1]: GPA 0x9000, present, read-only */
	movq	$0, 0x10010		/* PT[2]: not present */
	movq	$0x10003, 0xe6010	/* PD[2] (GVA 0x400000-0x5fffff) -> the PT */
	mov	%cr3, %rax		/* flush the TLB */
	mov	%rax, %cr3
	movl	$0x5a5a, 0x400000	/* lands at GPA 0x7000 */
	checkpoint 1
	hlt
