import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  JobInfo,
  JobParameter,
  TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { lakehouseApiRef } from '../../api';
import { describeRequestError, describeValue } from './describe';
import { InlineMessage } from './InlineMessage';
import {
  initialParamValues,
  paramErrorsFromMessage,
  parseParamValues,
} from './jobParamsForm';
import type { ParamFieldValue, ParamFormValues } from './jobParamsForm';

function defaultHint(parameter: JobParameter): string {
  const value = parameter.default;
  if (value === null || value === undefined) return 'optional';
  return `default ${
    Array.isArray(value) ? value.join(', ') : describeValue(value)
  }`;
}

const TYPE_HINTS: Record<JobParameter['type'], string> = {
  string: 'text',
  number: 'number',
  integer: 'whole number',
  boolean: 'yes/no',
  'string[]': 'comma-separated list',
};

function ParamField(props: {
  parameter: JobParameter;
  value: ParamFieldValue;
  error?: string;
  onChange: (value: ParamFieldValue) => void;
}) {
  const { parameter: p, value, error, onChange } = props;
  const id = `${useId()}-${p.name}`;
  if (p.type === 'boolean')
    return (
      <FormControl error={!!error} margin="dense" fullWidth>
        <FormControlLabel
          control={
            <Checkbox
              checked={value === true}
              onChange={e => onChange(e.target.checked)}
              inputProps={{ 'aria-describedby': `${id}-help` }}
            />
          }
          label={p.name}
        />
        <FormHelperText id={`${id}-help`}>
          {error ?? `${p.description} (${defaultHint(p)})`}
        </FormHelperText>
      </FormControl>
    );
  const help =
    error ?? `${p.description} — ${TYPE_HINTS[p.type]}, ${defaultHint(p)}`;
  if (p.type === 'string' && p.enum)
    return (
      <TextField
        id={id}
        select
        SelectProps={{ native: true }}
        label={p.name}
        value={String(value)}
        onChange={e => onChange(e.target.value)}
        helperText={help}
        error={!!error}
        margin="dense"
        fullWidth
      >
        {p.default === null && <option value="">(not set)</option>}
        {p.enum.map(option => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </TextField>
    );
  const numeric = p.type === 'number' || p.type === 'integer';
  return (
    <TextField
      id={id}
      label={p.name}
      value={String(value)}
      onChange={e => onChange(e.target.value)}
      helperText={help}
      error={!!error}
      margin="dense"
      fullWidth
      inputProps={{
        inputMode: numeric ? 'decimal' : 'text',
        spellCheck: false,
      }}
    />
  );
}

/**
 * "Run now": the job's parameters as fields prefilled with their defaults, checked here
 * for their types, sent to the backend (only what differs from the defaults). The
 * backend's refusals (400 invalid params, 409 conflict) stay in the dialog, readable.
 */
export function TriggerRunDialog(props: {
  job: JobInfo;
  onClose: () => void;
  onTriggered: (response: TriggerRunResponse) => void;
}) {
  const { job, onClose, onTriggered } = props;
  const api = useApi(lakehouseApiRef);
  const titleId = useId();
  const [values, setValues] = useState<ParamFormValues>(() =>
    initialParamValues(job.parameters),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<{ title: string; text: string }>();
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { params, errors } = parseParamValues(job.parameters, values);
    setFieldErrors(errors);
    setRefusal(undefined);
    if (Object.keys(errors).length) return;
    setSubmitting(true);
    let response: TriggerRunResponse;
    try {
      response = await api.triggerRun(job.name, { params });
    } catch (error) {
      const problem = describeRequestError(error);
      setFieldErrors(paramErrorsFromMessage(problem.message, job.parameters));
      setRefusal({
        title:
          problem.status === 409
            ? 'The run cannot start now.'
            : 'The run was not started.',
        text: problem.message,
      });
      setSubmitting(false);
      return;
    }
    onTriggered(response);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Run {job.title}</DialogTitle>
        <DialogContent>
          {job.parameters.length === 0 ? (
            <Typography variant="body2">
              This job takes no parameters.
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              Fields left at their default are not sent; an empty field uses the
              job's default.
            </Typography>
          )}
          {job.parameters.map(parameter => (
            <ParamField
              key={parameter.name}
              parameter={parameter}
              value={values[parameter.name] ?? ''}
              error={fieldErrors[parameter.name]}
              onChange={value =>
                setValues(v => ({ ...v, [parameter.name]: value }))
              }
            />
          ))}
          {Object.keys(fieldErrors).length > 0 && !refusal && (
            <InlineMessage tone="error">
              Some parameters are not valid; see the fields above.
            </InlineMessage>
          )}
          {refusal && (
            <InlineMessage tone="error" title={refusal.title}>
              {refusal.text}
            </InlineMessage>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
          >
            {submitting ? 'Starting…' : 'Start run'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
