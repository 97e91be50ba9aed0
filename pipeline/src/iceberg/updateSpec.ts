/**
 * Partition evolution: a new default spec for new data; files written under older specs
 * keep theirs (each manifest records its spec id), so nothing is rewritten.
 */
import { commitTable, type CommitOptions } from './commit';
import { currentSchema, defaultSpec } from './metadata';
import { PartitionSpecBuilder } from './partitioning';
import type { Table } from './table';

export function updateSpec(
  table: Table,
  change: (builder: PartitionSpecBuilder) => void,
  options?: CommitOptions,
): Promise<Table> {
  return commitTable(
    table,
    head => {
      const builder = new PartitionSpecBuilder(currentSchema(head), {
        spec: defaultSpec(head),
        specs: head['partition-specs'],
        lastPartitionId: head['last-partition-id'],
      });
      change(builder);
      const built = builder.build();
      if (built.existing)
        return {
          metadata: { ...head, 'default-spec-id': built.spec['spec-id'] },
        };
      const specId =
        Math.max(...head['partition-specs'].map(s => s['spec-id'])) + 1;
      return {
        metadata: {
          ...head,
          'partition-specs': [
            ...head['partition-specs'],
            { ...built.spec, 'spec-id': specId },
          ],
          'default-spec-id': specId,
          'last-partition-id': built.lastPartitionId,
        },
      };
    },
    options,
  );
}
