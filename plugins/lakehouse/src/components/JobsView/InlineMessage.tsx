import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OKABE_ITO } from '../shared';

const TONES = {
  error: { colour: OKABE_ITO.vermillion, symbol: '✕', role: 'alert' },
  info: { colour: OKABE_ITO.blue, symbol: 'ℹ', role: 'status' },
} as const;

/**
 * A short result next to the control that caused it (a refused trigger, a requested
 * cancel): a symbol and a left border in the tone's colour, the text itself readable.
 */
export function InlineMessage(props: {
  tone: keyof typeof TONES;
  title?: string;
  children: string;
}) {
  const tone = TONES[props.tone];
  return (
    <Box
      role={tone.role}
      mt={1}
      py={0.5}
      px={1}
      style={{ borderLeft: `4px solid ${tone.colour}` }}
    >
      <Typography
        variant="body2"
        component="div"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        <span aria-hidden="true" style={{ color: tone.colour }}>
          {tone.symbol}{' '}
        </span>
        {props.title && <strong>{props.title} </strong>}
        {props.children}
      </Typography>
    </Box>
  );
}
