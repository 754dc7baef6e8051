/*
 * feature: KVM_CAP_MCE - KVM_X86_SETUP_MCE gives the vCPU MCG_CAP (two banks, MCG_CTL_P), and KVM_X86_SET_MCE of an
 *            uncorrected error in bank 1 raises #MC in the guest, whose handler reads MCG_STATUS and MC1_STATUS,
 *            MC1_ADDR and MC1_MISC as the host gave them
 * groups:  vcpu mce exceptions
 * requires: KVM_CAP_MCE
 * mode:    long
 * timeout: 5
 * # KVM_X86_SETUP_MCE before the run enables every bank (MCi_CTL all ones, and MCG_CTL with MCG_CTL_P), which
 * # an uncorrected error needs to be reported. The guest sets CR4.MCE (without it the #MC would be a triple
 * # fault) and installs a handler for vector 18. MCi_STATUS 0xbc00000000000000 is VAL, UC, EN, MISCV and ADDRV;
 * # MCG_STATUS 0x5 is RIPV and MCIP. The handler stores what it reads and the interrupted RIP, clears
 * # MCG_STATUS (MCIP) and returns: RIPV says the guest may go on from there.
 * on:      start => setup-mce 0x102; check-msrs 0x179=0x102
 * on:      checkpoint 1 => mce 1 status=0xbc00000000000000 addr=0x12345000 misc=0x86 mcg_status=0x5
 * expect:  final hlt
 * expect:  mem 0x3000 u64=0x5
 * expect:  mem 0x3008 u64=0xbc00000000000000
 * expect:  mem 0x3010 u64=0x12345000
 * expect:  mem 0x3018 u64=0x86
 * expect:  mem 0x3020 u64=0x1045
 * expect:  mem 0x3028 u64=0x102
 * expect:  regs rbx=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	SEEN, 0x3000

	idt64_gate 18, mc_handler
	mov	%cr4, %rax
	or	$0x40, %eax		/* CR4.MCE */
	mov	%rax, %cr4
	xor	%ebx, %ebx
	checkpoint 1			/* the host injects the machine check */
	inc	%ebx			/* the handler returns here */
	hlt

	.macro	store_msr index, at
	mov	$\index, %ecx
	rdmsr
	mov	%eax, \at
	mov	%edx, \at + 4
	.endm
mc_handler:				/* #MC pushes no error code */
	store_msr 0x17a, SEEN		/* MCG_STATUS */
	store_msr 0x405, SEEN + 0x08	/* MC1_STATUS */
	store_msr 0x406, SEEN + 0x10	/* MC1_ADDR */
	store_msr 0x407, SEEN + 0x18	/* MC1_MISC */
	mov	(%rsp), %rax
	mov	%rax, SEEN + 0x20	/* the interrupted RIP */
	store_msr 0x179, SEEN + 0x28	/* MCG_CAP */
	mov	$0x17a, %ecx
	xor	%eax, %eax
	xor	%edx, %edx
	wrmsr				/* MCG_STATUS = 0: the machine check is handled */
	iretq
