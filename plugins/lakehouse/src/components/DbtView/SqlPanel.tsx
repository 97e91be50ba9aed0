import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { shortRunId } from './dbtPaths';

type Which = 'compiled' | 'raw';

/**
 * The model's SQL, compiled (what dbt ran) or raw (with Jinja), behind a toggle. The
 * code block is focusable so keyboard users can scroll it.
 */
export function SqlPanel(props: {
  model: string;
  rawSql: string;
  compiledSql: string | null;
  compiledRunId: string | null;
}) {
  const [which, setWhich] = useState<Which>(
    props.compiledSql === null ? 'raw' : 'compiled',
  );
  const sql = which === 'compiled' ? props.compiledSql : props.rawSql;
  const label = `${which === 'compiled' ? 'Compiled' : 'Raw'} SQL of ${
    props.model
  }`;
  return (
    <>
      <ButtonGroup size="small" aria-label="Which SQL">
        <Button
          aria-pressed={which === 'compiled'}
          variant={which === 'compiled' ? 'contained' : 'outlined'}
          color="primary"
          onClick={() => setWhich('compiled')}
        >
          Compiled SQL
        </Button>
        <Button
          aria-pressed={which === 'raw'}
          variant={which === 'raw' ? 'contained' : 'outlined'}
          color="primary"
          onClick={() => setWhich('raw')}
        >
          Raw SQL
        </Button>
      </ButtonGroup>
      {which === 'compiled' && props.compiledRunId && (
        <Typography variant="caption" component="p">
          As compiled by gold run {shortRunId(props.compiledRunId)}.
        </Typography>
      )}
      {sql === null ? (
        <Typography role="status">
          No kept run compiled this model yet; see the raw SQL.
        </Typography>
      ) : (
        <Box
          component="pre"
          role="region"
          aria-label={label}
          tabIndex={0}
          mt={1}
          p={1.5}
          maxHeight={420}
          overflow="auto"
          bgcolor="background.default"
          border={1}
          borderColor="divider"
          borderRadius={4}
          style={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre' }}
        >
          <code>{sql}</code>
        </Box>
      )}
    </>
  );
}
