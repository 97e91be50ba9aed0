/**
 * Page compression for the direct Parquet encoder (pageEncoder.ts). ZSTD is native zstd
 * (a Node-API addon shipped per platform as an npm package); gzip and brotli are Node's
 * zlib. A codec that cannot be loaded here is reported as unavailable, and the writer falls
 * back to parquet-wasm, which bundles every codec.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ParquetCompression } from './writer';

/** parquet.thrift CompressionCodec. */
export const CODEC_ID: Record<ParquetCompression, number> = {
  uncompressed: 0,
  snappy: 1,
  gzip: 2,
  brotli: 4,
  lz4: 7, // LZ4_RAW
  zstd: 6,
};

export type Compress = (page: Uint8Array) => Uint8Array;

interface ZstdEncoder {
  encodeSync(data: Buffer): Buffer;
}
type ZstdModule = { Encoder: new (level: number) => ZstdEncoder };

/** Level 1 is what Arrow C++ and arrow-rs use by default: several times faster than 3, a few percent larger. */
export const DEFAULT_ZSTD_LEVEL = 1;

const asBuffer = (b: Uint8Array): Buffer =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

let zstdModule: ZstdModule | null | undefined;

function loadZstd(): ZstdModule | null {
  if (zstdModule === undefined) {
    try {
      // Resolved lazily: a platform without a prebuilt addon still works (parquet-wasm).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      zstdModule = require('@toondepauw/node-zstd') as ZstdModule;
    } catch {
      zstdModule = null;
    }
  }
  return zstdModule;
}

/** The compressor for `codec` at `level` (codec default if undefined), or undefined if unavailable here. */
export function compressor(
  codec: ParquetCompression,
  level?: number,
): Compress | undefined {
  switch (codec) {
    case 'uncompressed':
      return page => page;
    case 'zstd': {
      const zstd = loadZstd();
      if (!zstd) return undefined;
      const encoder = new zstd.Encoder(level ?? DEFAULT_ZSTD_LEVEL);
      return page => encoder.encodeSync(asBuffer(page));
    }
    case 'gzip':
      return page => gzipSync(page, level === undefined ? {} : { level });
    case 'brotli':
      return page =>
        brotliCompressSync(page, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: level ?? 1,
            [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
          },
        });
    default:
      return undefined;
  }
}
