/*
 * feature: KVM_CAP_X2APIC_API with KVM_X2APIC_API_USE_32BIT_IDS - KVM_GET_LAPIC of a vCPU in x2APIC mode gives
 *            its APIC ID as the full 32-bit x2APIC ID (vCPU 5: 5, not 5 << 24), and KVM_SET_LAPIC refuses an ID
 *            other than the vCPU's with EINVAL (host only)
 * groups:  irqchip vcpu host-only
 * requires: KVM_CAP_X2APIC_API KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * enable-cap: KVM_CAP_X2APIC_API 0x1
 * timeout: 5
 * # The host file creates vCPU 5 after the run, gives it KVM's supported CPUID (x2APIC included) and
 * # switches its IA32_APIC_BASE to x2APIC mode (EN | EXTD). Without the capability KVM_GET_LAPIC shifts the
 * # x2APIC ID into bits 31:24 as for an xAPIC and KVM_SET_LAPIC shifts it back (lapic.c,
 * # kvm_apic_state_fixup). The x2APIC LDR KVM derives from ID 5 is cluster 0, bit 5: 0x20.
 */
	.include "testdev.inc"
	exit_status 0
