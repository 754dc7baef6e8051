/*
 * hold-vm: runs in kvmctl vm's initramfs, before the command. It creates one VM with one vCPU and
 * keeps them open for the whole boot, so the kernel's KVM jump labels (preempt notifiers on the
 * first VM, kvm_has_noapic_vcpu on the first vCPU without an in-kernel LAPIC) are flipped once
 * here and never again by the tests' own VMs. Multi-threaded TCG in QEMU 7.2 has run stale code
 * at such a patched site. Prints "held" once both exist; exits with the errno if one fails.
 * Assembled with GNU as and linked with ld -static -nostdlib: no libc.
 */
	.globl	_start
	.text
_start:
	mov	$2, %eax		/* open("/dev/kvm", O_RDWR | O_CLOEXEC) */
	lea	path(%rip), %rdi
	mov	$0x80002, %esi
	xor	%edx, %edx
	syscall
	test	%rax, %rax
	js	fail
	mov	%rax, %rdi		/* ioctl(kvm, KVM_CREATE_VM, 0) */
	mov	$16, %eax
	mov	$0xae01, %esi
	xor	%edx, %edx
	syscall
	test	%rax, %rax
	js	fail
	mov	%rax, %rdi		/* ioctl(vm, KVM_CREATE_VCPU, 0) */
	mov	$16, %eax
	mov	$0xae41, %esi
	xor	%edx, %edx
	syscall
	test	%rax, %rax
	js	fail
	mov	$1, %eax		/* write(1, "held\n", 5) */
	mov	$1, %edi
	lea	held(%rip), %rsi
	mov	$5, %edx
	syscall
1:	mov	$34, %eax		/* pause(), for ever: the fds stay open */
	syscall
	jmp	1b
fail:
	neg	%rax			/* exit(errno) */
	mov	%eax, %edi
	mov	$60, %eax
	syscall

	.section .rodata
path:	.asciz	"/dev/kvm"
held:	.ascii	"held\n"
