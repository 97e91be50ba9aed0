import type { TableLayer } from '@medallion/plugin-lakehouse-common';
import Chip from '@material-ui/core/Chip';
import { LAYER_COLOURS } from '../shared';

/** A table's layer as its name with the layer's colour as border (never colour alone). */
export function LayerChip({ layer }: { layer: TableLayer }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={layer}
      aria-label={`layer: ${layer}`}
      style={{ borderColor: LAYER_COLOURS[layer], borderWidth: 2 }}
    />
  );
}
