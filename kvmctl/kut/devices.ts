// The only devices a kvm-unit-tests image gets here, each because its library uses it:
//   0x3f8-0x3ff  16550 UART, transmit side: THR bytes become console text, LSR always says ready
//   0xf4         isa-debug-exit: the test's exit code (QEMU exits with (code << 1) | 1)
//   0x510-0x511  fw_cfg: CPU count and RAM size, read only where the environment does not give them
// Every other port reads as all-ones and ignores writes, as an empty ISA bus does.
import { outValue, type Exit } from '../engine/kvm/exit.js';

export const SERIAL_PORT = 0x3f8;
export const DEBUG_EXIT_PORT = 0xf4;
export const FW_CFG_PORT = 0x510;

const LSR_THRE = 0x20, LSR_TEMT = 0x40, LCR_DLAB = 0x80;
const FW_CFG_RAM_SIZE = 0x03, FW_CFG_NB_CPUS = 0x05;

type IoExit = Extract<Exit, { reason: 'io' }>;

export class KutDevices {
  private readonly console: number[] = [];
  private lcr = 0;
  private fwSelected = 0;
  private fwOffset = 0;
  private readonly fwItems: Map<number, Uint8Array>;
  /** Set by a write to the debug-exit port. */
  exitCode: number | undefined;

  constructor(vcpus: number, memSize: number) {
    const ram = new Uint8Array(8);
    new DataView(ram.buffer).setBigUint64(0, BigInt(memSize), true);
    this.fwItems = new Map([[FW_CFG_RAM_SIZE, ram], [FW_CFG_NB_CPUS, Uint8Array.of(vcpus & 0xff, vcpus >> 8)]]);
  }

  get consoleText(): string {
    return this.consoleFrom(0);
  }

  get consoleLength(): number {
    return this.console.length;
  }

  /** The console text from byte `start` on. */
  consoleFrom(start: number): string {
    return Buffer.from(this.console.slice(start)).toString('latin1');
  }

  /** Serves one port I/O exit; true when it was the debug-exit write that ends the test. */
  io(exit: IoExit): boolean {
    for (let i = 0; i < exit.count; i++) {
      const data = exit.data.subarray(i * exit.size, (i + 1) * exit.size);
      if (exit.direction === 'out') {
        if (this.write(exit.port, data)) return true;
      } else {
        this.read(exit.port, data);
      }
    }
    return false;
  }

  private write(port: number, data: Uint8Array): boolean {
    const value = outValue(data);
    if (port === DEBUG_EXIT_PORT) {
      this.exitCode = value | 0;
      return true;
    }
    if (port === SERIAL_PORT && !(this.lcr & LCR_DLAB)) this.console.push(value & 0xff);
    else if (port === SERIAL_PORT + 3) this.lcr = value & 0xff;
    else if (port === FW_CFG_PORT && data.length === 2) {
      this.fwSelected = value;
      this.fwOffset = 0;
    }
    return false;
  }

  private read(port: number, data: Uint8Array): void {
    if (port === SERIAL_PORT + 5) data.fill(LSR_THRE | LSR_TEMT);
    else if (port === SERIAL_PORT + 3) data.fill(this.lcr);
    else if (port >= SERIAL_PORT && port <= SERIAL_PORT + 7) data.fill(0);
    else if (port === FW_CFG_PORT + 1) {
      // One byte a read; an item this device does not have reads as zeros, as in QEMU.
      for (let i = 0; i < data.length; i++) data[i] = this.fwItems.get(this.fwSelected)?.[this.fwOffset++] ?? 0;
    } else data.fill(0xff);
  }
}
