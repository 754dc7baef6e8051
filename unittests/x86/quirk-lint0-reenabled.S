/*
 * feature: KVM_CAP_DISABLE_QUIRKS2 - with KVM_X86_QUIRK_LINT0_REENABLED (bit 0) disabled before the vCPUs,
 *            a new vCPU's LAPIC has LVT0 masked (0x10000) like every other LVT, not ExtINT (0x700)
 * groups:  vcpu irqchip quirks
 * requires: KVM_CAP_IRQCHIP KVM_CAP_DISABLE_QUIRKS2&0x1
 * mode:    protected
 * irqchip: yes
 * enable-cap: KVM_CAP_DISABLE_QUIRKS2 0x1
 * timeout: 5
 * # The quirk, on by default, makes the LAPIC reset (at KVM_CREATE_VCPU) set LVT0 to ExtINT delivery,
 * # unmasked. The guest reads LVT0 (0xfee00350) into EBX and reports.
 * expect:  regs rbx=0x10000
 */
	.include "testdev.inc"
	mov	0xfee00350, %ebx	/* LVT0 */
	exit_status 0
