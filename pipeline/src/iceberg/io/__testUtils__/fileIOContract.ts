/**
 * The behaviour every FileIO must share, as a jest suite to run against each
 * implementation: the table code above it is written once and trusts these semantics.
 */
/* eslint-disable jest/no-export -- a shared suite: being imported by test files is its purpose */
import { randomBytes } from 'node:crypto';
import {
  FileExistsError,
  NotFoundError,
  joinLocation,
  type FileIO,
  type FileInfo,
} from '../fileIO';

export interface FileIOFixture {
  io: FileIO;
  /** An empty location (folder or key prefix) the tests may fill. */
  base: string;
  cleanup(): Promise<void>;
}

export async function collect(
  files: AsyncIterable<FileInfo>,
): Promise<FileInfo[]> {
  const out: FileInfo[] = [];
  for await (const file of files) out.push(file);
  // Code-unit order, as Array.prototype.sort gives plain strings.
  return out.sort((a, b) => (a.location < b.location ? -1 : 1));
}

const text = (s: string) => new TextEncoder().encode(s);

export function describeFileIOContract(
  name: string,
  setup: () => Promise<FileIOFixture>,
): void {
  describe(`FileIO contract: ${name}`, () => {
    let fixture: FileIOFixture;
    let io: FileIO;
    const at = (...parts: string[]) => joinLocation(fixture.base, ...parts);

    beforeEach(async () => {
      fixture = await setup();
      io = fixture.io;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('reads back exactly the bytes written, every byte value included', async () => {
      const bytes = new Uint8Array(256 + 65_536);
      bytes.set(Array.from({ length: 256 }, (_, i) => i));
      bytes.set(randomBytes(65_536), 256);
      const location = at('data', 'part-0.parquet');
      await io.writeNew(location, bytes);
      expect(Buffer.from(await io.read(location))).toEqual(Buffer.from(bytes));
    });

    it('round-trips an empty file', async () => {
      const location = at('empty.bin');
      await io.writeNew(location, new Uint8Array(0));
      expect(await io.exists(location)).toBe(true);
      expect((await io.read(location)).byteLength).toBe(0);
      expect(await collect(io.list(fixture.base))).toEqual([
        expect.objectContaining({ location, size: 0 }),
      ]);
    });

    it('never overwrites: a second writeNew throws FileExistsError and keeps the first content', async () => {
      const location = at('metadata', '00001-a.metadata.json');
      await io.writeNew(location, text('first'));
      const second = io.writeNew(location, text('second, longer'));
      await expect(second).rejects.toBeInstanceOf(FileExistsError);
      await expect(second).rejects.toMatchObject({ location });
      expect(new TextDecoder().decode(await io.read(location))).toBe('first');
    });

    it('throws NotFoundError naming the location when reading a missing file', async () => {
      const location = at('missing', 'nothing.avro');
      const read = io.read(location);
      await expect(read).rejects.toBeInstanceOf(NotFoundError);
      await expect(read).rejects.toMatchObject({ location });
    });

    it('tells an existing file from a missing one', async () => {
      await io.writeNew(at('a.txt'), text('a'));
      expect(await io.exists(at('a.txt'))).toBe(true);
      expect(await io.exists(at('b.txt'))).toBe(false);
      expect(await io.exists(at('no', 'such', 'dir', 'c.txt'))).toBe(false);
    });

    it('deletes a file, accepts deleting a missing one, and lets the name be written again', async () => {
      const location = at('snap-1.avro');
      await io.writeNew(location, text('old'));
      await io.delete(location);
      expect(await io.exists(location)).toBe(false);
      await expect(io.read(location)).rejects.toBeInstanceOf(NotFoundError);
      await expect(io.delete(location)).resolves.toBeUndefined();
      await expect(io.delete(at('never', 'there'))).resolves.toBeUndefined();
      await io.writeNew(location, text('new'));
      expect(new TextDecoder().decode(await io.read(location))).toBe('new');
    });

    it('lists every file under a prefix, nested folders included, with size and time', async () => {
      const started = Date.now();
      const files: Record<string, string> = {
        'tbl/metadata/v1.metadata.json': '{}',
        'tbl/data/a=1/f1.parquet': 'one',
        'tbl/data/a=1/b=x/f2.parquet': 'two!',
        'tbl/data/a=2/f3.parquet': 'three',
        'other/f4.parquet': 'four',
      };
      for (const [path, content] of Object.entries(files))
        await io.writeNew(at(path), text(content));

      const all = await collect(io.list(fixture.base));
      expect(all.map(f => f.location)).toEqual(
        Object.keys(files)
          .map(p => at(p))
          .sort(),
      );
      for (const file of all) {
        // S3 keeps whole seconds, so allow the slack of a coarse clock.
        expect(file.modifiedMs).toBeGreaterThan(started - 60_000);
        expect(file.modifiedMs).toBeLessThan(Date.now() + 60_000);
      }

      expect(await collect(io.list(at('tbl', 'data')))).toEqual([
        expect.objectContaining({
          location: at('tbl/data/a=1/b=x/f2.parquet'),
          size: 4,
        }),
        expect.objectContaining({
          location: at('tbl/data/a=1/f1.parquet'),
          size: 3,
        }),
        expect.objectContaining({
          location: at('tbl/data/a=2/f3.parquet'),
          size: 5,
        }),
      ]);
      // A trailing slash names the same folder.
      expect(
        (await collect(io.list(`${at('tbl', 'data', 'a=1')}/`))).map(
          f => f.location,
        ),
      ).toEqual([
        at('tbl/data/a=1/b=x/f2.parquet'),
        at('tbl/data/a=1/f1.parquet'),
      ]);
    });

    it('lists a prefix as a folder: a sibling whose name starts the same is not in it', async () => {
      await io.writeNew(at('t', 'f.parquet'), text('in'));
      await io.writeNew(at('t2', 'f.parquet'), text('sibling'));
      await io.writeNew(at('t.json'), text('sibling file'));
      expect((await collect(io.list(at('t')))).map(f => f.location)).toEqual([
        at('t', 'f.parquet'),
      ]);
    });

    it('lists nothing under a prefix that holds no files', async () => {
      await io.writeNew(at('x', 'f'), text('x'));
      expect(await collect(io.list(at('nothing', 'here')))).toEqual([]);
    });

    it('lists locations that read back as the files they name', async () => {
      await io.writeNew(at('p', 'one'), text('1'));
      await io.writeNew(at('p', 'q', 'two'), text('22'));
      const listed = await collect(io.list(at('p')));
      const contents = await Promise.all(
        listed.map(async f =>
          new TextDecoder().decode(await io.read(f.location)),
        ),
      );
      expect(contents).toEqual(['1', '22']);
    });
  });
}
