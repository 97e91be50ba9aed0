import type { SchemaVersion } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatTime } from '../shared';
import { changeLine } from './schemaChangeText';

function ChangeList({ version }: { version: SchemaVersion }) {
  return (
    <Box
      component="ul"
      aria-label={`Changes in schema ${version.schemaId}`}
      m={0}
      p={0}
      style={{ listStyle: 'none', fontFamily: 'monospace' }}
    >
      {version.changes.map(change => {
        const line = changeLine(change);
        return (
          <li
            key={`${change.kind}-${change.fieldId}-${change.name}`}
            style={{
              borderLeft: `4px solid ${line.colour}`,
              padding: '2px 8px',
              margin: '2px 0',
            }}
          >
            <span
              aria-hidden="true"
              style={{ fontWeight: 700, display: 'inline-block', width: 16 }}
            >
              {line.symbol}
            </span>
            <span style={{ fontWeight: 600 }}>{line.verb}</span> {line.text}
          </li>
        );
      })}
    </Box>
  );
}

function VersionEntry({
  version,
  first,
}: {
  version: SchemaVersion;
  first: boolean;
}) {
  const used = version.firstUsedAt
    ? `first used ${formatTime(version.firstUsedAt)}`
    : 'not used by a snapshot yet';
  let body = <ChangeList version={version} />;
  if (first)
    body = (
      <Typography variant="body2">
        Initial schema with {version.fields.length}{' '}
        {version.fields.length === 1 ? 'field' : 'fields'}.
      </Typography>
    );
  else if (version.changes.length === 0)
    body = <Typography variant="body2">No field changes.</Typography>;
  return (
    <Box
      component="li"
      mb={2}
      aria-current={version.current ? 'true' : undefined}
    >
      <Typography variant="subtitle1" component="h3">
        Schema {version.schemaId}
        {version.current ? ' (current)' : ''}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {used}
      </Typography>
      {body}
    </Box>
  );
}

/** Every schema of the table oldest first, each as a diff against the one before. */
export function SchemaHistory({ history }: { history: SchemaVersion[] }) {
  const versions = [...history].sort((a, b) => a.schemaId - b.schemaId);
  return (
    <Box
      component="ol"
      aria-label="Schema versions"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
    >
      {versions.map((v, i) => (
        <VersionEntry key={v.schemaId} version={v} first={i === 0} />
      ))}
    </Box>
  );
}
