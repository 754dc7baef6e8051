/* Registers set by the host, seen by the guest (long mode: all sixteen GPRs).
 * The image starts with ud2: the host must set RIP past it. Each register goes to 0x3000 + 8*i in
 * kvm_regs order (rax rbx rcx rdx rsi rdi rsp rbp r8..r15); CF goes to 0x3080. */
	ud2
	mov	%rax, 0x3000
	mov	%rbx, 0x3008
	mov	%rcx, 0x3010
	mov	%rdx, 0x3018
	mov	%rsi, 0x3020
	mov	%rdi, 0x3028
	mov	%rsp, 0x3030
	mov	%rbp, 0x3038
	mov	%r8, 0x3040
	mov	%r9, 0x3048
	mov	%r10, 0x3050
	mov	%r11, 0x3058
	mov	%r12, 0x3060
	mov	%r13, 0x3068
	mov	%r14, 0x3070
	mov	%r15, 0x3078
	setc	0x3080
	hlt
