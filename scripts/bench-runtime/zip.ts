/**
 * Minimal reader of the Lambda package: lists the entries of a zip archive from its central
 * directory and extracts stored or deflated entries. Zip64 archives (entries or archives over
 * 4 GiB) are rejected, because the Lambda package is a few megabytes.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 for stored, 8 for deflated. */
  method: number;
  compressedBytes: number;
  uncompressedBytes: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_RECORD_BYTES = 22 + 0xffff;

function findEndRecord(archive: Buffer): number {
  const earliest = Math.max(0, archive.length - MAX_END_RECORD_BYTES);
  for (let offset = archive.length - 22; offset >= earliest; offset -= 1) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('invalid zip archive: no end-of-central-directory record found');
}

/** Lists the entries of a zip archive in central-directory order. */
export function listZipEntries(archive: Buffer): ZipEntry[] {
  const end = findEndRecord(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (offset === ZIP64_MARKER) throw new Error('unsupported zip archive: Zip64 central directory');

  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new Error(`invalid zip archive: central directory entry ${index} not found at byte ${offset}`);
    }

    const nameBytes = archive.readUInt16LE(offset + 28);
    const extraBytes = archive.readUInt16LE(offset + 30);
    const commentBytes = archive.readUInt16LE(offset + 32);
    const entry: ZipEntry = {
      name: archive.toString('utf8', offset + 46, offset + 46 + nameBytes),
      method: archive.readUInt16LE(offset + 10),
      compressedBytes: archive.readUInt32LE(offset + 20),
      uncompressedBytes: archive.readUInt32LE(offset + 24),
      localHeaderOffset: archive.readUInt32LE(offset + 42),
    };
    if (entry.compressedBytes === ZIP64_MARKER || entry.uncompressedBytes === ZIP64_MARKER) {
      throw new Error(`unsupported zip archive: entry ${entry.name} uses Zip64 sizes`);
    }

    entries.push(entry);
    offset += 46 + nameBytes + extraBytes + commentBytes;
  }
  return entries;
}

/** Returns the uncompressed content of one entry. Throws for a method other than stored or deflated. */
export function readZipEntry(archive: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset;
  if (archive.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw new Error(`invalid zip archive: local header of ${entry.name} not found at byte ${header}`);
  }

  // Sizes come from the central directory, because the local header may defer them to a data descriptor.
  const start = header + 30 + archive.readUInt16LE(header + 26) + archive.readUInt16LE(header + 28);
  const data = archive.subarray(start, start + entry.compressedBytes);

  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported zip compression method ${entry.method} for ${entry.name}; expected 0 (stored) or 8 (deflated)`);
}
