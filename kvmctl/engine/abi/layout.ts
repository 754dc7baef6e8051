// A tiny C-struct description: named fields at fixed offsets, with encode/decode over a DataView.
// Every KVM struct kvmctl passes to an ioctl is described once with this, and abi.test checks the
// offsets and sizes against <linux/kvm.h>.

export type Scalar = 'u8' | 'u16' | 'u32' | 'u64' | 'i32';

export interface FieldSpec {
  readonly offset: number;
  readonly type: Scalar;
}

/** A struct whose decoded form is T (u64 fields are bigint, the others number). */
export class Struct<T extends object> {
  constructor(
    readonly name: string,
    readonly size: number,
    readonly fields: Record<keyof T & string, FieldSpec>,
  ) {}

  /** Reads every field of the struct that starts at `offset` in `view`. */
  decode(view: DataView, offset = 0): T {
    const out: Record<string, number | bigint> = {};
    for (const [key, f] of Object.entries<FieldSpec>(this.fields)) out[key] = readScalar(view, offset + f.offset, f.type);
    return out as T;
  }

  /** Writes the given fields (others keep their bytes) into `view` at `offset`. */
  encode(value: Partial<T>, view: DataView, offset = 0): void {
    for (const key in value) {
      const field = this.fields[key as keyof T & string];
      if (field === undefined) throw new Error(`${this.name} has no field ${key}`);
      writeScalar(view, offset + field.offset, field.type, value[key] as number | bigint);
    }
  }

  /** A zeroed buffer holding the struct, optionally filled from `value`. */
  buffer(value: Partial<T> = {}): Uint8Array {
    const bytes = new Uint8Array(this.size);
    this.encode(value, new DataView(bytes.buffer));
    return bytes;
  }
}

export function readScalar(view: DataView, at: number, type: Scalar): number | bigint {
  switch (type) {
    case 'u8': return view.getUint8(at);
    case 'u16': return view.getUint16(at, true);
    case 'u32': return view.getUint32(at, true);
    case 'i32': return view.getInt32(at, true);
    case 'u64': return view.getBigUint64(at, true);
  }
}

export function writeScalar(view: DataView, at: number, type: Scalar, value: number | bigint): void {
  switch (type) {
    case 'u8': view.setUint8(at, Number(value)); break;
    case 'u16': view.setUint16(at, Number(value), true); break;
    case 'u32': view.setUint32(at, Number(value), true); break;
    case 'i32': view.setInt32(at, Number(value), true); break;
    case 'u64': view.setBigUint64(at, BigInt.asUintN(64, BigInt(value)), true); break;
  }
}

/** Builds a field table from a list of [name, type] in declaration order, packing with natural alignment. */
export function packed<const N extends string>(
  fields: ReadonlyArray<readonly [N, Scalar]>,
  start = 0,
): { fields: Record<N, FieldSpec>; end: number } {
  const width: Record<Scalar, number> = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8 };
  const out = {} as Record<N, FieldSpec>;
  let at = start;
  for (const [name, type] of fields) {
    const w = width[type];
    at = Math.ceil(at / w) * w;
    out[name] = { offset: at, type };
    at += w;
  }
  return { fields: out, end: at };
}
