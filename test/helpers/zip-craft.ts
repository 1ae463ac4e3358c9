import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-made zip: its name and data, and what its headers claim. */
export interface CraftedEntry {
  name: string;
  /** The deflated bytes stored. */
  data: Buffer;
  /** What the headers declare as the inflated size (a zip bomb may lie). */
  declaredSize: number;
  crc?: number;
}

/**
 * An entry of `mib` MiB of zeros, deflated in milliseconds: one MiB deflated with a full flush
 * (a block boundary at a byte boundary), repeated, then an empty final block (zip.js would
 * take seconds per 100 MiB to make the same bomb). `declaredSize` defaults to the truth.
 */
export function zerosEntry(name: string, mib: number, declaredSize = mib * 1024 * 1024): CraftedEntry {
  const zeros = Buffer.alloc(1024 * 1024);
  const one = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH });
  const final = deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const data = Buffer.concat([...Array.from({ length: mib }, () => one), final]);
  return { name, data, declaredSize, crc };
}

/** Deflated `text`, with its real size and CRC. */
export function deflatedEntry(name: string, text: Buffer): CraftedEntry {
  return { name, data: deflateRawSync(text), declaredSize: text.length, crc: crc32(text) };
}

/** A zip (deflate, no encryption) of these entries, headers written by hand so they can lie. */
export function craftZip(entries: CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
