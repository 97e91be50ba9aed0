/**
 * A share in [0, 1] as a small horizontal bar: decoration next to a number that says the
 * same, so hidden from assistive technology. Inline styles: it must draw without any
 * stylesheet (print, e-mail clients, snapshots).
 */
export function ShareBar(props: {
  share: number;
  colour: string;
  width: number;
  height: number;
}) {
  const share = Math.min(1, Math.max(0, props.share));
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: props.width,
        height: props.height,
        borderRadius: props.height / 2,
        overflow: 'hidden',
        // neutral in light and dark themes alike
        background: 'rgba(128, 128, 128, 0.2)',
        verticalAlign: 'middle',
      }}
    >
      <span
        style={{
          display: 'block',
          height: '100%',
          width: `${share * 100}%`,
          background: props.colour,
        }}
      />
    </span>
  );
}
