/**
 * The JSON shapes an Isolation Forest travels in, validated with zod:
 *   - `serializedForestSchema`: our own format (`IsolationForest.toJSON()` /
 *     `fromJSON()`), meant to be embedded in a stored model document;
 *   - `sklearnForestExportSchema`: what interop/sklearn/isolation_forest.py exports from
 *     a fitted `sklearn.ensemble.IsolationForest`, for `IsolationForest.fromSklearn()`.
 * Both check the tree structure, not just the field types: a forest that parses here
 * can be scored without any further bounds checks.
 */
import { z } from 'zod';

/** A sample or feature count given explicitly (sklearn's `int`), e.g. `{ count: 1 }`. */
const countSchema = z.object({ count: z.number().int().min(1) }).strict();

/**
 * How many rows (or features) each tree sees. A plain number in (0, 1] is a fraction
 * (sklearn's float), an integer > 1 a count (sklearn's int); `{ count }` is a count
 * too and the only way to say "exactly 1", since JSON cannot tell 1 from 1.0.
 */
const sizeSchema = z.union([
  z
    .number()
    .positive()
    .refine(v => v <= 1 || Number.isInteger(v), {
      message: 'a number above 1 must be an integer count',
    }),
  countSchema,
]);

export const isolationForestParamsSchema = z
  .object({
    nEstimators: z.number().int().min(1),
    maxSamples: z.union([z.literal('auto'), sizeSchema]),
    maxFeatures: sizeSchema,
    contamination: z.union([z.literal('auto'), z.number().gt(0).max(0.5)]),
    bootstrap: z.boolean(),
    seed: z.number().int().min(0).max(0xffffffff),
  })
  .strict();

/** Fit parameters, as stored with a fitted forest. */
export type IsolationForestParams = z.infer<typeof isolationForestParamsSchema>;

/**
 * One tree, nodes in an array (root at 0). A leaf has `feature` −1 and `left` =
 * `right` = −1; `nodeSamples` is the number of training samples that reached the node
 * (the leaf's c(n) term comes from it).
 */
export const serializedTreeSchema = z
  .object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    nodeSamples: z.array(z.number().int().min(1)),
  })
  .strict();

export type SerializedTree = z.infer<typeof serializedTreeSchema>;

/**
 * Structural problems of one tree (empty when sound): equal lengths, a leaf has no
 * children, an internal node has a valid feature and two children with larger indices
 * (so no cycles), every node but the root has exactly one parent (so all are reachable),
 * and a node's sample count is the sum of its children's.
 */
export function treeProblems(
  tree: SerializedTree,
  nFeatures: number,
): string[] {
  const size = tree.feature.length;
  if (size === 0) return ['has no nodes'];
  for (const key of ['threshold', 'left', 'right', 'nodeSamples'] as const) {
    if (tree[key].length !== size) {
      return [`${key} has ${tree[key].length} entries, feature has ${size}`];
    }
  }
  const problems: string[] = [];
  const parents = new Int32Array(size);
  for (let i = 0; i < size && problems.length < 5; i++) {
    const feature = tree.feature[i]!;
    const left = tree.left[i]!;
    const right = tree.right[i]!;
    if (left === -1 && right === -1) {
      if (feature !== -1) problems.push(`leaf ${i} has feature ${feature}`);
      continue;
    }
    if (!(feature >= 0 && feature < nFeatures)) {
      problems.push(`node ${i}: feature ${feature} outside [0, ${nFeatures})`);
    }
    if (!(left > i && left < size && right > i && right < size)) {
      problems.push(
        `node ${i}: children ${left}, ${right} must lie in (${i}, ${size})`,
      );
      continue;
    }
    if (left === right) problems.push(`node ${i}: both children are ${left}`);
    parents[left]!++;
    parents[right]!++;
    if (
      tree.nodeSamples[left]! + tree.nodeSamples[right]! !==
      tree.nodeSamples[i]
    ) {
      problems.push(`node ${i}: children's sample counts do not add up`);
    }
  }
  for (let i = 1; i < size && problems.length < 5; i++) {
    if (parents[i] !== 1) problems.push(`node ${i} has ${parents[i]} parents`);
  }
  return problems;
}

export const SERIALIZED_FOREST_FORMAT = 'medallion.isolation-forest';

export const serializedForestSchema = z
  .object({
    format: z.literal(SERIALIZED_FOREST_FORMAT),
    version: z.literal(1),
    params: isolationForestParamsSchema,
    nFeatures: z.number().int().min(1),
    /** Rows each tree was grown on; c(maxSamplesUsed) normalises the path lengths. */
    maxSamplesUsed: z.number().int().min(1),
    /** decisionFunction = scoreSamples − offset (−0.5 for contamination 'auto'). */
    offset: z.number(),
    trees: z.array(serializedTreeSchema).min(1),
  })
  .strict()
  .superRefine((forest, ctx) => {
    forest.trees.forEach((tree, t) => {
      for (const problem of treeProblems(tree, forest.nFeatures)) {
        ctx.addIssue({ code: 'custom', path: ['trees', t], message: problem });
      }
    });
  });

/** A fitted forest as plain JSON (`IsolationForest.toJSON()`). */
export type SerializedForest = z.infer<typeof serializedForestSchema>;

/** One tree of a fitted sklearn forest, `estimator.tree_` arrays as lists. */
const sklearnTreeSchema = z.object({
  children_left: z.array(z.number().int()),
  children_right: z.array(z.number().int()),
  /** Already mapped through `estimators_features_` to the full matrix's columns. */
  feature: z.array(z.number().int()),
  threshold: z.array(z.number()),
  n_node_samples: z.array(z.number().int().min(1)),
});

/** interop/sklearn/isolation_forest.py's `export` object. */
export const sklearnForestExportSchema = z.object({
  offset_: z.number(),
  max_samples_: z.number().int().min(1),
  /** sklearn's `_max_features`: the features each tree was given. */
  max_features_: z.number().int().min(1),
  n_features_in_: z.number().int().min(1),
  estimators: z.array(sklearnTreeSchema).min(1),
  params: z
    .object({
      contamination: z.union([z.literal('auto'), z.number()]),
      bootstrap: z.boolean(),
      random_state: z.number().int().min(0).nullable(),
    })
    .passthrough(),
});

export type SklearnForestExport = z.infer<typeof sklearnForestExportSchema>;

/** A zod error as one readable line: "trees.3: node 5 has 2 parents; …". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
