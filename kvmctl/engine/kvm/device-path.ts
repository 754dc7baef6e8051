// The KVM device path: KVMCTL_DEVICE overrides /dev/kvm for every command.
export const devicePath = (): string => process.env.KVMCTL_DEVICE || '/dev/kvm';
