import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import type { JobName } from '@medallion/plugin-lakehouse-common';
import { isJobName, RUN_STATUSES } from '@medallion/plugin-lakehouse-common';
import { useId } from 'react';
import type { RunsFilter } from './runsFilter';

/** The runs list's filters: one job (or all) and any set of statuses (none: all). */
export function RunFilters(props: {
  filter: RunsFilter;
  jobs: Array<{ name: JobName; title: string }>;
  onChange: (filter: RunsFilter) => void;
}) {
  const { filter, jobs, onChange } = props;
  const id = useId();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 24 }}
      mb={1}
    >
      <TextField
        id={`${id}-job`}
        select
        SelectProps={{ native: true }}
        label="Job"
        value={filter.job ?? ''}
        onChange={e => {
          const value = e.target.value;
          onChange({ ...filter, job: isJobName(value) ? value : undefined });
        }}
        style={{ minWidth: 200 }}
      >
        <option value="">All jobs</option>
        {jobs.map(job => (
          <option key={job.name} value={job.name}>
            {job.title}
          </option>
        ))}
      </TextField>
      <FormControl component="fieldset">
        <FormLabel component="legend">Status (none checked: all)</FormLabel>
        <FormGroup row>
          {RUN_STATUSES.map(status => (
            <FormControlLabel
              key={status}
              label={status}
              control={
                <Checkbox
                  size="small"
                  checked={filter.status.includes(status)}
                  onChange={e =>
                    onChange({
                      ...filter,
                      status: e.target.checked
                        ? [...filter.status, status]
                        : filter.status.filter(s => s !== status),
                    })
                  }
                />
              }
            />
          ))}
        </FormGroup>
      </FormControl>
    </Box>
  );
}
