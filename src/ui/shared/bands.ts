/**
 * How a band is shown: never by colour alone — a label in the user's language and a shape too.
 */
import type { BandInfo } from '../../engine';
import type { MessageKey } from '../../i18n';

/** Shapes by meaning: the worst band, a band between, the best band, and insufficient data. */
export type BandShape = 'alert' | 'watch' | 'ok' | 'unknown';

const KNOWN = ['red', 'yellow', 'green', 'insufficient'] as const;
type KnownBand = (typeof KNOWN)[number];

function known(id: string): KnownBand | undefined {
  return KNOWN.find((k) => k === id);
}

/** The shape of band `index` among `bands` (the last of which is `insufficient`). */
export function bandShape(bands: readonly BandInfo[], index: number): BandShape {
  const ranked = bands.length - 1;
  if (index >= ranked) return 'unknown';
  if (index === 0) return 'alert';
  if (index === ranked - 1) return 'ok';
  return 'watch';
}

/**
 * The labels Pulso's own models give the standard bands (English model data): shown translated.
 * A label the user wrote (the method's bands step) is shown as written.
 */
const SHIPPED_LABELS: Readonly<Record<KnownBand, readonly string[]>> = {
  red: ['red', 'at risk'],
  yellow: ['yellow', 'watch'],
  green: ['green', 'healthy'],
  insufficient: ['insufficient', 'insufficient data'],
};

/** The band's name: translated for the standard bands as Pulso ships them, the model's own label otherwise. */
export function bandLabel(band: BandInfo, t: (key: MessageKey) => string): string {
  const id = known(band.id);
  const own = band.label.trim().toLowerCase();
  return id && (own === '' || SHIPPED_LABELS[id].includes(own)) ? t(`band.${id}`) : band.label;
}

/** What the team does for a band: the text written for it in the method, else the default for the standard bands. */
export function bandAction(bandId: string, actions: Readonly<Record<string, string>>, t: (key: MessageKey) => string): string | null {
  const written = actions[bandId];
  if (written) return written;
  const id = known(bandId);
  return id ? t(`band.action.${id}`) : null;
}

/** What the band means for the team, for the standard bands. */
export function bandMeaning(band: BandInfo, t: (key: MessageKey) => string): string | null {
  const id = known(band.id);
  return id ? t(`band.meaning.${id}`) : null;
}

/** A darker shade of a band colour, for outlines and text on light backgrounds. */
export function darken(hex: string, factor = 0.55): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex);
  if (!m) return '#333333';
  return `#${m
    .slice(1, 4)
    .map((h) => Math.round(parseInt(h, 16) * factor).toString(16).padStart(2, '0'))
    .join('')}`;
}
