/*
 * feature: KVM_CAP_X86_SMM - KVM_SMI makes the vCPU enter SMM at its next KVM_RUN: the handler at SMBASE + 0x8000
 *            (0x38000) runs with KVM_GET_VCPU_EVENTS reporting smi.smm 1, and its RSM returns to the long-mode
 *            guest where the SMI interrupted it, with smi.smm 0 again
 * groups:  vcpu smm events
 * requires: KVM_CAP_X86_SMM KVM_CAP_MULTI_ADDRESS_SPACE>=2 KVM_CAP_VCPU_EVENTS
 * mode:    long
 * timeout: 5
 * # In SMM a vCPU uses address space 1 (KVM_CAP_MULTI_ADDRESS_SPACE), so smm-smi.host.ts maps RAM there too
 * # (slot 1 << 16, the same host memory as slot 0) before the vCPUs exist. The guest copies its 16-bit SMM
 * # handler to 0x38000 (the default SMBASE is 0x30000). At checkpoint 1 the host issues KVM_SMI; the next
 * # KVM_RUN enters SMM, where the handler counts at 0x3000, reports checkpoint 2 and executes RSM. KVM keeps
 * # the state save area in SMRAM (0x3fe00-0x3ffff); RSM restores long mode, and the guest counts in RBX.
 * on:      checkpoint 1 => check-events smi.smm=0; smi
 * on:      checkpoint 2 => check-events smi.smm=1 smi.pending=0 flags=0x8/0x8
 * on:      end => check-events smi.smm=0 smi.pending=0
 * expect:  final hlt
 * expect:  mem 0x3000 u32=1
 * expect:  regs rbx=1
 * expect:  sregs efer=0x500/0x500 cr0=0x80000001/0x80000001 cs.l=1
 */
	.include "testdev.inc"
	.set	SMM_ENTRY, 0x38000

	mov	$smm_handler, %esi
	mov	$SMM_ENTRY, %edi
	mov	$(smm_end - smm_handler), %ecx
	cld
	rep movsb
	xor	%ebx, %ebx
	checkpoint 1			/* the host issues KVM_SMI */
	inc	%ebx			/* RSM returns here */
	hlt

	.code16				/* SMM starts in a real-mode-like state: CS.base = SMBASE, 4 GiB limits */
smm_handler:
	addr32 incl	0x3000
	mov	$2, %eax
	out	%eax, $TESTDEV_CHECKPOINT	/* checkpoint 2, inside SMM */
	rsm
smm_end:
	.code64
