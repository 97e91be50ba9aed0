/** FileIO on the local filesystem; locations are `file:///abs/path` or plain absolute paths. */
import {
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FileExistsError,
  NotFoundError,
  type FileIO,
  type FileInfo,
} from './fileIO';

export function toLocalPath(location: string): string {
  if (location.startsWith('file:')) return fileURLToPath(location);
  if (location.startsWith('/')) return location;
  throw new Error(
    `not a local file location: ${location} (expected file:///… or an absolute path)`,
  );
}

/** The `file:///…` location for a local path (how PyIceberg and Java name local files). */
export function toFileLocation(path: string): string {
  return pathToFileURL(path).href;
}

const isCode = (error: unknown, code: string) =>
  (error as NodeJS.ErrnoException)?.code === code;

export class LocalFileIO implements FileIO {
  async read(location: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(toLocalPath(location)));
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new NotFoundError(location);
      throw error;
    }
  }

  async writeNew(location: string, bytes: Uint8Array): Promise<void> {
    const path = toLocalPath(location);
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, bytes, { flag: 'wx' });
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new FileExistsError(location);
      throw error;
    }
  }

  async exists(location: string): Promise<boolean> {
    try {
      await stat(toLocalPath(location));
      return true;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async delete(location: string): Promise<void> {
    await rm(toLocalPath(location), { force: true });
  }

  async *list(prefix: string): AsyncIterable<FileInfo> {
    const root = toLocalPath(prefix);
    const asLocation = prefix.startsWith('file:')
      ? toFileLocation
      : (p: string) => p;
    const walk = async function* walk(dir: string): AsyncIterable<FileInfo> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(path);
        else if (entry.isFile()) {
          let s;
          try {
            s = await stat(path);
          } catch (error) {
            // Deleted between readdir and stat (a commit removing old metadata while
            // orphan cleanup lists): no longer there, so not listed.
            if (isCode(error, 'ENOENT')) continue;
            throw error;
          }
          yield {
            location: asLocation(path),
            size: s.size,
            modifiedMs: s.mtimeMs,
          };
        }
      }
    };
    yield* walk(root);
  }
}
