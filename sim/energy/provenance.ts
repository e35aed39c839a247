/**
 * How a figure of a cost table or time model is known: `verified` (read
 * against the primary paper or a verbatim transcription of it), `derived`
 * (arithmetic on verified figures, shown in its note), `secondary` (quoted
 * by someone else; the primary was not read), `assumed` (a modelling
 * choice, said so), `included` (no separate cost: another entry of the same
 * table already contains it) or `unknown` (nothing published).
 */
export type CostStatus = 'verified' | 'derived' | 'secondary' | 'assumed' | 'included' | 'unknown';
