/*
 * feature: KVM_CAP_PIT - KVM_GET_PIT shows channel 2 as the guest programmed it through ports 0x43/0x42 (mode,
 *            access, count); KVM_SET_PIT's latched status and count on channel 1 are what the guest then reads
 *            from port 0x41; KVM_GET_PIT reads back what was set; both are ENXIO on a VM without a PIT
 * groups:  irqchip clock
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_PIT KVM_CAP_PIT2 KVM_CAP_IRQCHIP
 * timeout: 3
 * # pit-state.host.ts creates the PIT (KVM_CREATE_PIT2). The guest sets channel 2 to mode 3, lobyte/hibyte,
 * # binary (0xb6 to port 0x43) with count 0x1234. At checkpoint 1 the host checks that, then gives channel 1 a
 * # latched status 0x5a and a latched count 0xbeef read as lobyte/hibyte: the guest's three reads of port 0x41
 * # return the status, then the count's low and high bytes. Nothing here depends on time: no count is read live.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 5a ef be
 */
	.include "testdev.inc"
	mov	$0xb6, %al		/* channel 2, lobyte/hibyte, mode 3, binary */
	out	%al, $0x43
	mov	$0x34, %al
	out	%al, $0x42
	mov	$0x12, %al
	out	%al, $0x42
	checkpoint 1			/* the host reads the PIT and latches channel 1 */
	in	$0x41, %al
	mov	%al, 0x3000
	in	$0x41, %al
	mov	%al, 0x3001
	in	$0x41, %al
	mov	%al, 0x3002
	exit_status 0
