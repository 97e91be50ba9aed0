import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { ANOMALY_PATTERN_NAMES } from '@medallion/plugin-lakehouse-common';
import { useEffect, useId, useState } from 'react';
import type { AnomaliesFilter } from './anomaliesFilter';
import { isPatternFilter, parseMinScore } from './anomaliesFilter';

/**
 * The list's own filters: minimum score, label pattern and decision. The min score is
 * typed freely and applied whenever the text is a valid score, so "0." on the way to
 * "0.65" is not thrown away.
 */
export function FlaggedFilters(props: {
  filter: AnomaliesFilter;
  onChange: (filter: AnomaliesFilter) => void;
}) {
  const { filter, onChange } = props;
  const id = useId();
  const [minScoreText, setMinScoreText] = useState(
    filter.minScore === undefined ? '' : String(filter.minScore),
  );
  // Follow the filter when it changes from elsewhere (back/forward navigation).
  useEffect(() => {
    setMinScoreText(text =>
      parseMinScore(text) === filter.minScore
        ? text
        : String(filter.minScore ?? ''),
    );
  }, [filter.minScore]);
  const minScoreInvalid = parseMinScore(minScoreText) === null;

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 24 }}
      mb={2}
    >
      <TextField
        id={`${id}-min-score`}
        label="Min score"
        type="number"
        InputLabelProps={{ shrink: true }}
        placeholder="any"
        value={minScoreText}
        inputProps={{ min: 0, max: 1, step: 0.05 }}
        error={minScoreInvalid}
        helperText={
          minScoreInvalid ? 'A score from 0 to 1' : '0 to 1; empty: any'
        }
        onChange={e => {
          const text = e.target.value;
          setMinScoreText(text);
          const parsed = parseMinScore(text);
          if (parsed !== null) onChange({ ...filter, minScore: parsed });
        }}
        style={{ width: 140 }}
      />
      <TextField
        id={`${id}-pattern`}
        select
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        label="Pattern"
        value={filter.pattern ?? ''}
        onChange={e => {
          const value = e.target.value;
          onChange({
            ...filter,
            pattern: isPatternFilter(value) ? value : undefined,
          });
        }}
        style={{ minWidth: 200 }}
      >
        <option value="">Any label</option>
        {ANOMALY_PATTERN_NAMES.map(p => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
        <option value="unlabelled">unlabelled</option>
      </TextField>
      <TextField
        id={`${id}-decision`}
        select
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        label="Decision"
        value={filter.decision}
        onChange={e =>
          onChange({
            ...filter,
            decision: e.target.value === 'all' ? 'all' : 'anomaly',
          })
        }
        style={{ minWidth: 200 }}
      >
        <option value="anomaly">Flagged only</option>
        <option value="all">All scored</option>
      </TextField>
    </Box>
  );
}
