/**
 * The whole import-time analysis of one document: sections (LOINC) with DS4P labels and
 * sensitive spans, plus identifier spans. Computed once at import and stored; opening a chart
 * only applies the policy to what is stored. Pure; no I/O.
 */
import type { IdentifierSpan } from '../../../shared/identifier-types';
import { analyzeSections, type AnalyzeOptions, type SectionAnalysis } from './analyze-sections';
import { detectIdentifiers, type ChartKnownMatcher, type KnownIdentifiers } from './identifiers';

/** Raise when the analysis changes in a way that should re-analyse stored documents. */
export const ANALYSIS_VERSION = 1;

export interface DocumentAnalysis extends SectionAnalysis {
  identifiers: IdentifierSpan[];
}

export interface DocumentAnalyzeOptions extends AnalyzeOptions {
  /** What the store knows about the document's patient and care team (chart-aware identifiers). */
  known?: KnownIdentifiers | ChartKnownMatcher;
}

export function analyzeDocument(text: string, options: DocumentAnalyzeOptions = {}): DocumentAnalysis {
  const sections = analyzeSections(text, options);
  return { ...sections, identifiers: detectIdentifiers(text, { known: options.known }) };
}
