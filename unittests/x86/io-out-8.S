/*
 * feature: KVM_EXIT_IO - a one-byte OUT exits with direction out, size 1, port, count 1 and the data byte
 * groups:  exits io
 * mode:    real
 * exits:   exact
 * expect:  exit io direction=out port=0x80 size=1 count=1 data=0x5a
 * expect:  exit hlt
 * expect:  regs rip=0x1005
 */
	mov	$0x5a, %al
	out	%al, $0x80
	hlt
